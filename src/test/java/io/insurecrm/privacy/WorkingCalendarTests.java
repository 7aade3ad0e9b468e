package io.insurecrm.privacy;

import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The working-day calendar of data-subject request deadlines: holidays entered move the deadline, make-up working
 * days count, entries that would change nothing are refused with the field and reason, changes are audited. Uses
 * 2031 only, so the other tests' deadlines are not touched.
 */
@SpringBootTest
@AutoConfigureMockMvc
class WorkingCalendarTests {

    @Autowired WorkingCalendar calendar;
    @Autowired DataSubjectRequests requests;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    @BeforeEach
    void signInAsCompliance() {
        Staff.signInOnThread(Role.COMPLIANCE, null, null);
    }

    @AfterEach
    void forget2031() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from privacy_calendar_day where day between '2031-01-01' and '2031-12-31'").update();
    }

    @Test
    void nationalDayHolidaysPushTheDeadlineAndAMakeUpSaturdayCounts() {
        LocalDate received = LocalDate.of(2031, 9, 26); // a Friday
        // without entries: 15 weekdays after 26 September 2031 is Friday 17 October
        assertThat(requests.dueOn(received)).isEqualTo(LocalDate.of(2031, 10, 17));

        for (int day = 1; day <= 7; day++) {
            LocalDate d = LocalDate.of(2031, 10, day);
            if (d.getDayOfWeek().getValue() <= 5) {
                calendar.set(d, CalendarDay.Kind.HOLIDAY, "国庆节");
            }
        }
        // five weekdays off (1–3 and 6–7 October): five weekdays later
        assertThat(requests.dueOn(received)).isEqualTo(LocalDate.of(2031, 10, 24));
        calendar.set(LocalDate.of(2031, 9, 27), CalendarDay.Kind.WORKDAY, "国庆节调休上班");
        assertThat(requests.dueOn(received)).as("the make-up Saturday counts").isEqualTo(LocalDate.of(2031, 10, 23));

        assertThat(calendar.year(2031)).extracting(CalendarDay::day, CalendarDay::kind).first()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2031, 9, 27), CalendarDay.Kind.WORKDAY));
        assertThat(calendar.remove(LocalDate.of(2031, 9, 27))).isTrue();
        assertThat(calendar.remove(LocalDate.of(2031, 9, 27))).isFalse();
        assertThat(requests.dueOn(received)).isEqualTo(LocalDate.of(2031, 10, 24));
        assertThat(jdbc.sql("select reason from audit_event where action = 'RULE_CHANGE' and :f = any(fields) order by seq")
                .param("f", "privacy_calendar_day.2031-09-27").query(String.class).list())
                .containsExactly("working-day calendar: 2031-09-27 WORKDAY 国庆节调休上班",
                        "working-day calendar: 2031-09-27 removed (was WORKDAY 国庆节调休上班)");
    }

    @Test
    void entriesThatWouldChangeNothingOrLackANameAreRefusedWithTheField() {
        assertThatThrownBy(() -> calendar.set(LocalDate.of(2031, 10, 4), CalendarDay.Kind.HOLIDAY, "国庆节"))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> {
                    assertThat(e.field()).isEqualTo("day");
                    assertThat(e.messageKey()).isEqualTo("privacy.calendar.holiday.onWeekend");
                });
        assertThatThrownBy(() -> calendar.set(LocalDate.of(2031, 10, 8), CalendarDay.Kind.WORKDAY, "调休"))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.messageKey())
                        .isEqualTo("privacy.calendar.workday.onWeekday"));
        assertThatThrownBy(() -> calendar.set(LocalDate.of(2031, 10, 8), CalendarDay.Kind.HOLIDAY, "  "))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> calendar.set(LocalDate.of(2031, 10, 8), null, "国庆节"))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.field()).isEqualTo("kind"));
        assertThat(calendar.year(2031)).isEmpty();
    }

    @Test
    void compliancePagesAndApiEnterShowAndRemoveDaysInBothLanguages() throws Exception {
        mvc.perform(post("/privacy/calendar").with(Staff.as(Role.COMPLIANCE, null, null)).with(csrf())
                        .param("day", "2031-10-01").param("kind", "HOLIDAY").param("name", "国庆节"))
                .andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/privacy/calendar").param("year", "2031").with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("2031-10-01").contains("国庆节").contains("法定节假日");
        String refused = mvc.perform(post("/privacy/calendar").with(Staff.as(Role.ADMIN, null, null)).with(csrf())
                        .param("lang", "en").param("day", "2031-10-04").param("kind", "HOLIDAY").param("name", "x"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("2031-10-04 is a weekend day and not a working day anyway");

        mvc.perform(put("/api/privacy/calendar/2031-10-02").with(Staff.as(Role.COMPLIANCE, null, null)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"HOLIDAY\",\"name\":\"国庆节\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.kind").value("HOLIDAY"));
        mvc.perform(put("/api/privacy/calendar/2031-10-02").with(Staff.as(Role.COMPLIANCE, null, null)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"HOLIDAY\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/privacy/calendar").param("year", "2031").with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].day").value("2031-10-02"));
        mvc.perform(delete("/api/privacy/calendar/2031-10-02").with(Staff.as(Role.COMPLIANCE, null, null)).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/privacy/calendar/2031-10-02").with(Staff.as(Role.COMPLIANCE, null, null)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/privacy/calendar").with(Staff.as(Role.AGENT, 1L, null))).andExpect(status().isForbidden());
    }
}
