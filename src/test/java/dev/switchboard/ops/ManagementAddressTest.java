package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The management port's address applies to a port of its own, never to the main port (Spring Boot would not start). */
class ManagementAddressTest {

    @Test
    void shouldBindAPortOfItsOwnToLoopbackUnlessConfigured() {
        assertThat(address(new MockEnvironment().withProperty("management.server.port", "9090"))).isEqualTo("127.0.0.1");
        assertThat(address(new MockEnvironment().withProperty("management.server.port", "9090").withProperty(ManagementAddress.SETTING, "0.0.0.0")))
                .isEqualTo("0.0.0.0");
    }

    @Test
    void shouldSetNoAddressWhenTheManagementPortIsTheMainPortsOrOff() {
        assertThat(address(new MockEnvironment().withProperty("server.port", "8080").withProperty("management.server.port", "8080"))).isNull();
        assertThat(address(new MockEnvironment().withProperty("management.server.port", "-1"))).isNull();
    }

    @Test
    void shouldLeaveAnExplicitManagementAddressAsItIs() {
        assertThat(address(new MockEnvironment().withProperty("management.server.port", "9090").withProperty("management.server.address", "10.0.0.5")))
                .isEqualTo("10.0.0.5");
    }

    private static String address(MockEnvironment environment) {
        new ManagementAddress().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("management.server.address");
    }
}
