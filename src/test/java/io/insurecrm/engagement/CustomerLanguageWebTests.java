package io.insurecrm.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.Role;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The customer's message language over the API and on the Customer 360's engagement panel, in the caller's scope. */
@SpringBootTest
@AutoConfigureMockMvc
class CustomerLanguageWebTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void theCustomerLanguageIsSetOverTheApiAndOnThe360Panel() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("35"));
        long customer = book.individual("Emily 王", LocalDate.of(1990, 2, 2), false, "35", agent);
        mvc.perform(get("/api/engagement/customers/" + customer + "/language").with(Staff.agent(agent)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.locale").value("zh-CN")).andExpect(jsonPath("$.chosen").value(false));
        mvc.perform(post("/api/engagement/customers/" + customer + "/language").with(Staff.agent(agent)).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"locale\":\"fr\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("locale"))
                .andExpect(jsonPath("$.errors[0].message").value("Language fr is invalid: only zh-CN and en"));
        mvc.perform(post("/api/engagement/customers/" + customer + "/language").with(Staff.agent(agent))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"locale\":\"en\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.locale").value("en")).andExpect(jsonPath("$.chosen").value(true));
        mvc.perform(get("/engagement/fragments/customers/" + customer + "/panel").with(Staff.agent(agent)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("language-form")))
                .andExpect(content().string(containsString("<option value=\"en\" selected=\"selected\">英文</option>")));
        mvc.perform(post("/engagement/customers/" + customer + "/language").with(Staff.agent(agent)).with(csrf()).param("locale", "zh-CN"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("已保存")));
        assertThat(jdbc.sql("select locale || ' ' || updated_by from engagement_language where customer_id = :c").param("c", customer)
                .query(String.class).single()).isEqualTo("zh-CN agent");
        mvc.perform(get("/engagement/fragments/customers/" + customer + "/panel").with(Staff.as(Role.COMPLIANCE, null, null)))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("language-form"))));
        long stranger = book.agent(book.branch("11"));
        mvc.perform(get("/api/engagement/customers/" + customer + "/language").with(Staff.agent(stranger)))
                .andExpect(status().isNotFound());
    }
}
