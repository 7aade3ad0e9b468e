package io.insurecrm.interaction.web;

import io.insurecrm.customer.CustomerNotFound;
import io.insurecrm.interaction.InteractionChannel;
import io.insurecrm.interaction.InteractionEntry;
import io.insurecrm.interaction.InteractionLog;
import io.insurecrm.interaction.InteractionType;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.SecurityConfiguration;
import org.springframework.context.annotation.Import;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.Paged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.insurecrm.fixtures.Staff;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(InteractionApi.class)
@Import(SecurityConfiguration.class)
class InteractionApiWebTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    InteractionLog log;
    @MockitoBean
    io.insurecrm.privacy.AccessAudit audit;

    @Test
    void listsAPageOfTheCustomersInteractionsInTheCallersScope() throws Exception {
        InteractionEntry entry = new InteractionEntry(5L, 42L, InteractionType.SURVEY, InteractionChannel.APP,
                Instant.parse("2026-03-02T02:00:00Z"), "happy", 9, null, null, false, 7L, "王芳");
        given(log.list(42L, DataScope.ownBook(7L), 0, 20)).willReturn(new Paged<>(List.of(entry), 0, 20, 1));

        mvc.perform(get("/api/customers/42/interactions").with(Staff.agent(7L)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.content[0].type").value("SURVEY"))
                .andExpect(jsonPath("$.content[0].npsScore").value(9));
    }

    @Test
    void namesEveryInvalidFieldInA400Problem() throws Exception {
        mvc.perform(post("/api/customers/42/interactions").with(Staff.agent(7L))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"channel": "PHONE", "npsScore": 11, "outcome": "x"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:insurecrm:problem:invalid"))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("type", "occurredAt", "npsScore")));
        verify(log, never()).record(anyLong(), any(), any());
    }

    @Test
    void aBrokenRuleIsA400ProblemNamingTheField() throws Exception {
        given(log.record(eq(42L), any(), eq(DataScope.ownBook(7L))))
                .willThrow(new FieldRuleViolation("npsScore", "interaction.npsScore.onlySurvey"));

        mvc.perform(post("/api/customers/42/interactions").with(Staff.agent(7L))
                        .header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"type": "COMPLAINT", "channel": "PHONE", "occurredAt": "2026-03-02T10:00:00", "npsScore": 3}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("npsScore"));
    }

    @Test
    void anInvisibleCustomerIsA404Problem() throws Exception {
        given(log.list(eq(43L), any(), anyInt(), anyInt())).willThrow(CustomerNotFound.withId(43L));

        mvc.perform(get("/api/customers/43/interactions").with(Staff.agent(7L)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:insurecrm:problem:not-found"));
    }
}
