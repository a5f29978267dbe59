package dev.switchboard;

import java.util.Arrays;

import dev.switchboard.ops.SpringAot;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SwitchboardApplication {

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("rotate-master-key")) {
            // a one-off command: no web server (not the context the build generated), and the process ends when the
            // runner has finished
            SpringAot.off();
            var context = new SpringApplicationBuilder(SwitchboardApplication.class).web(WebApplicationType.NONE).run(args);
            System.exit(SpringApplication.exit(context));
        }
        var application = new SpringApplication(SwitchboardApplication.class);
        SpringAot.choose(application, SwitchboardApplication.class);
        application.run(args);
    }
}
