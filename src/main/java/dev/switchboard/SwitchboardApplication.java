package dev.switchboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SwitchboardApplication {

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("rotate-master-key")) {
            // a one-off command: no web server, and the process ends when the runner has finished
            var context = new org.springframework.boot.builder.SpringApplicationBuilder(SwitchboardApplication.class)
                    .web(org.springframework.boot.WebApplicationType.NONE).run(args);
            System.exit(SpringApplication.exit(context));
        }
        SpringApplication.run(SwitchboardApplication.class, args);
    }
}
