package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An unexpected failure on the management API is a generic problem detail: no message, no stack trace. */
class ManagementErrorsTest {

    @Test
    void shouldAnswerAnUnexpectedFailureWithAGenericProblem() {
        var response = new ManagementErrors().unexpected(new IllegalStateException("secret-ish internals at line 42"));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        var problem = response.getBody();
        assertThat(problem).isNotNull();
        assertThat(problem.getDetail()).isEqualTo("The server had an error while processing your request.");
        assertThat(problem.getTitle()).isEqualTo("Internal Server Error");
        assertThat(String.valueOf(problem.getProperties())).doesNotContain("internals");
    }
}
