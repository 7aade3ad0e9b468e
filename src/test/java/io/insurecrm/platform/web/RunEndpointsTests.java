package io.insurecrm.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.platform.clustering.RunInProgress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;

class RunEndpointsTests {

    static class Busy extends RunInProgress {
        Busy(long runningId) {
            super("busy", runningId);
        }
    }

    private final StaticMessageSource messages = new StaticMessageSource();

    RunEndpointsTests() {
        messages.addMessage("runs.inProgress", Locale.ENGLISH, "Run {0} is still running");
        messages.addMessage("runs.badK", Locale.ENGLISH, "k {0} is not between {1} and {2}");
    }

    @Test
    void aStartedRunIsAcceptedWithItsLocation() {
        ResponseEntity<String> accepted = RunEndpoints.accepted("/api/things/runs", 7, "run 7");

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(accepted.getHeaders().getLocation()).isEqualTo(URI.create("/api/things/runs/7"));
        assertThat(accepted.getBody()).isEqualTo("run 7");
    }

    @Test
    void aSecondRunIsAConflictNamingTheRunningOne() {
        ProblemDetail problem = RunEndpoints.inProgress(new Busy(12), messages, "runs.inProgress", Locale.ENGLISH,
                "urn:insurecrm:problem:thing-run-in-progress", "A thing run is in progress");

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isEqualTo("Run 12 is still running");
        assertThat(problem.getType()).isEqualTo(URI.create("urn:insurecrm:problem:thing-run-in-progress"));
        assertThat(problem.getTitle()).isEqualTo("A thing run is in progress");
        assertThat(problem.getProperties()).containsEntry("runningId", 12L);
    }

    @Test
    void anUnknownRunIsNotFound() {
        assertThat(RunEndpoints.found(Optional.of("run"), "runs.notFound", 3)).isEqualTo("run");
        assertThatThrownBy(() -> RunEndpoints.found(Optional.empty(), "runs.notFound", 3)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void thePollReloadsThePageOnlyOnceTheRunHasEnded() {
        ExtendedModelMap model = new ExtendedModelMap();
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(RunEndpoints.progress("running run", true, model, response, "page :: progress")).isEqualTo("page :: progress");
        assertThat(model.get("running")).isEqualTo("running run");
        assertThat(response.getHeader("HX-Refresh")).isNull();

        RunEndpoints.progress("ended run", false, model, response, "page :: progress");
        assertThat(response.getHeader("HX-Refresh")).isEqualTo("true");
    }

    @Test
    void theFormsKIsANumberOrNothing() {
        assertThat(RunEndpoints.clusterCount(null, "runs.badK", 2, 12)).isNull();
        assertThat(RunEndpoints.clusterCount("  ", "runs.badK", 2, 12)).isNull();
        assertThat(RunEndpoints.clusterCount(" 5 ", "runs.badK", 2, 12)).isEqualTo(5);
        assertThatThrownBy(() -> RunEndpoints.clusterCount("five", "runs.badK", 2, 12)).isInstanceOf(FieldRuleViolation.class)
                .satisfies(e -> assertThat(RunEndpoints.formError((FieldRuleViolation) e, messages, "runs.inProgress", Locale.ENGLISH))
                        .isEqualTo("k five is not between 2 and 12"));
    }

    @Test
    void aRefusedStartIsShownOnTheForm() {
        assertThat(RunEndpoints.formError(new Busy(4), messages, "runs.inProgress", Locale.ENGLISH)).isEqualTo("Run 4 is still running");
    }
}
