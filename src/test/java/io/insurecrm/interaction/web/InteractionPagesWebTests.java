package io.insurecrm.interaction.web;

import io.insurecrm.platform.security.SecurityConfiguration;
import org.springframework.context.annotation.Import;
import io.insurecrm.interaction.InteractionForm;
import io.insurecrm.interaction.InteractionLog;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.Paged;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.insurecrm.fixtures.Staff;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(InteractionPages.class)
@Import({SecurityConfiguration.class, InteractionPagesWebTests.FixedClock.class})
class InteractionPagesWebTests {

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    InteractionLog log;
    @MockitoBean
    io.insurecrm.privacy.AccessAudit audit;

    @Test
    void fieldErrorsComeBackInThePanelWithoutRecording() throws Exception {
        given(log.list(eq(42L), any(), eq(0), eq(10))).willReturn(new Paged<>(List.of(), 0, 10, 0));

        mvc.perform(post("/customers/42/interactions").with(Staff.agent(7L)).with(csrf())
                        .header("HX-Request", "true")
                        .param("channel", "PHONE").param("occurredAt", "2026-11-20T09:30").param("npsScore", "12"))
                .andExpect(status().isOk())
                .andExpect(view().name("interaction/panel :: panel"))
                .andExpect(model().attributeHasFieldErrorCode("interactionForm", "type", "NotNull"))
                .andExpect(model().attributeHasFieldErrorCode("interactionForm", "npsScore", "Max"))
                .andExpect(content().string(containsString("请选择互动类型")))
                .andExpect(content().string(containsString("净推荐值须在 0 到 10 之间")));
        verify(log, never()).record(anyLong(), any(), any());
    }

    @Test
    void aBrokenRuleIsShownOnItsField() throws Exception {
        given(log.record(eq(42L), any(InteractionForm.class), eq(DataScope.ownBook(7L))))
                .willThrow(new FieldRuleViolation("occurredAt", "interaction.occurredAt.future"));
        given(log.list(eq(42L), any(), eq(0), eq(10))).willReturn(new Paged<>(List.of(), 0, 10, 0));

        mvc.perform(post("/customers/42/interactions").with(Staff.agent(7L)).with(csrf())
                        .header("HX-Request", "true")
                        .param("type", "CONSULTATION").param("channel", "PHONE").param("occurredAt", "2026-11-21T09:30"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("interactionForm", "occurredAt", "interaction.occurredAt.future"))
                .andExpect(content().string(containsString("发生时间不能晚于当前时间")));
    }

    @Test
    void aRecordedInteractionReRendersTheTimelineWithAFreshForm() throws Exception {
        given(log.list(eq(42L), any(), eq(0), eq(10))).willReturn(new Paged<>(List.of(), 0, 10, 0));

        mvc.perform(post("/customers/42/interactions").with(Staff.agent(7L)).with(csrf())
                        .header("HX-Request", "true")
                        .param("type", "CONSULTATION").param("channel", "PHONE").param("occurredAt", "2026-11-20T09:30"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("interactionRecorded", true))
                .andExpect(content().string(containsString("id=\"interactions\"")));
        verify(log).record(eq(42L), any(InteractionForm.class), eq(DataScope.ownBook(7L)));
    }

    @Test
    void withoutHtmxASuccessfulPostRedirectsToTheCustomer() throws Exception {
        mvc.perform(post("/customers/42/interactions").with(Staff.agent(7L)).with(csrf())
                        .param("type", "CONSULTATION").param("channel", "PHONE").param("occurredAt", "2026-11-20T09:30"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/customers/42#interactions"));
    }

    @Test
    void withoutHtmxFieldErrorsAreShownOnAPageOfTheirOwn() throws Exception {
        given(log.list(eq(42L), any(), eq(0), eq(10))).willReturn(new Paged<>(List.of(), 0, 10, 0));

        mvc.perform(post("/customers/42/interactions").with(Staff.agent(7L)).with(csrf())
                        .param("type", "SURVEY").param("channel", "PHONE").param("occurredAt", "not a time"))
                .andExpect(status().isOk())
                .andExpect(view().name("interaction/form-page"))
                .andExpect(model().attributeHasFieldErrorCode("interactionForm", "occurredAt", "typeMismatch"))
                .andExpect(content().string(containsString("时间格式应为 yyyy-MM-dd HH:mm")));
        verify(log, never()).record(anyLong(), any(), any());
    }
}
