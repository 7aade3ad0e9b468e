package io.insurecrm.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The pages and API: my tasks and their actions, refusals with the field and reason, the message log fragment. */
@SpringBootTest
@AutoConfigureMockMvc
class EngagementWebTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired EngagementTasks tasks;
    @Autowired EngagementMessages messages;
    @Autowired Clock clock;

    @Test
    void anAgentSeesHisTasksAndCompletesOne() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"), "周代理");
        long customer = book.individual("吴八", LocalDate.of(1988, 8, 8), true, "33", agent);
        LocalDate today = LocalDate.now(clock);
        long task = tasks.open(customer, TaskKind.CROSS_SELL, "交叉销售线索：家财险", today.plusDays(2));

        mvc.perform(get("/engagement/tasks").with(Staff.agent(agent)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("交叉销售线索：家财险")))
                .andExpect(content().string(containsString("吴八")));
        mvc.perform(get("/api/engagement/tasks").with(Staff.agent(agent)))
                .andExpect(jsonPath("$[0].id").value(task)).andExpect(jsonPath("$[0].kind").value("CROSS_SELL"));

        long stranger = book.agent(book.branch("11"));
        mvc.perform(post("/api/engagement/tasks/" + task + "/complete").with(Staff.agent(stranger))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"x\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/engagement/tasks/" + task + "/complete").param("outcome", "已电话沟通").with(Staff.agent(agent)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(tasks.find(task, io.insurecrm.platform.security.DataScope.all()).status()).isEqualTo("DONE");
        mvc.perform(post("/api/engagement/tasks/" + task + "/reschedule").with(Staff.agent(agent))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"due\":\"" + today.plusDays(5) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
    }

    @Test
    void badTemplatesAndImpossibleOffsetsAreRefusedWithTheFieldAndReason() throws Exception {
        mvc.perform(put("/api/engagement/templates/RENEWAL_REMINDER/en").with(Staff.admin()).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"subject\":\"Hi\",\"body\":\"Pay {{premium}} now\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("Unknown variable premium")));
        mvc.perform(post("/engagement/templates").with(Staff.admin()).with(csrf())
                        .param("code", "RENEWAL_REMINDER").param("locale", "zh-CN").param("subject", "续保")
                        .param("body", "请缴纳{{premium}}"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("未知变量 premium")));
        mvc.perform(put("/api/engagement/triggers/BIRTHDAY_REVIEW").with(Staff.admin()).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"anchor":"BIRTHDAY","offsetDays":-400,"createTask":true,"taskKind":"COVERAGE_REVIEW",
                                 "taskDueDays":7,"templateCode":"COVERAGE_REVIEW","channel":"SMS","purpose":"MARKETING","enabled":true}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("offsetDays"))
                .andExpect(jsonPath("$.errors[0].message").value("An offset of -400 days is impossible for BIRTHDAY: it must be between -180 and 180 days"));
        mvc.perform(post("/engagement/triggers").with(Staff.admin()).with(csrf()).param("code", "BIRTHDAY_REVIEW")
                        .param("anchor", "BIRTHDAY").param("offsetDays", "-400").param("createTask", "true")
                        .param("taskKind", "COVERAGE_REVIEW").param("purpose", "MARKETING"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("偏移 -400 天对 BIRTHDAY 不成立")));
        mvc.perform(get("/engagement/triggers").with(Staff.admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString("RENEWAL_REMINDER")));
    }

    @Test
    void aTaskOrTicketWithoutACustomerIsRefusedNamingTheField() throws Exception {
        mvc.perform(post("/api/engagement/tasks").with(Staff.admin()).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"CROSS_SELL\",\"reason\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("customerId"))
                .andExpect(jsonPath("$.errors[0].message").value("Give the customer id"));
        mvc.perform(post("/api/engagement/tickets").with(Staff.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"COMPLAINT\",\"subject\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("customerId"))
                .andExpect(jsonPath("$.errors[0].message").value("请填写客户编号"));
    }

    @Test
    void theMessageLogFragmentAndTheDryRunRender() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("44"));
        long customer = book.individual("郑九", LocalDate.now(clock).plusDays(7).minusYears(30), true, "44", agent);
        messages.enqueue(customer, Channel.SMS, MessagePurpose.SERVICE, "RENEWAL_REMINDER",
                Map.of("policyNumber", "P-77", "date", "2027-03-01"), "web:" + customer, null);
        mvc.perform(get("/engagement/fragments/customers/" + customer + "/messages").with(Staff.agent(agent)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("P-77")));
        mvc.perform(get("/api/engagement/customers/" + customer + "/messages").with(Staff.agent(agent)))
                .andExpect(jsonPath("$[0].status").value("QUEUED"));
        mvc.perform(get("/engagement/dry-run").with(Staff.agent(agent)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("BIRTHDAY_REVIEW:c" + customer)));
        mvc.perform(get("/engagement/messages").with(Staff.agent(agent))).andExpect(status().isOk())
                .andExpect(content().string(containsString("P-77")));
        mvc.perform(get("/engagement/templates").with(Staff.agent(agent))).andExpect(status().isOk());
    }
}
