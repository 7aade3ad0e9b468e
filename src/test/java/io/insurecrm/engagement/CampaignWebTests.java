package io.insurecrm.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
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

/**
 * The campaign pages and API by role: a branch manager creates, previews (audited) and launches; refusals name the
 * field in both languages; an analyst reads results without personal data and is refused the preview.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CampaignWebTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void aBranchManagerRunsACampaignAndAnAnalystReadsOnlyItsFigures() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long branch = book.branch("33");
        long agent = book.agent(branch, "许顾问");
        String segment = "WEB" + BookFixtures.next();
        long customer = book.individual("柳十二", LocalDate.of(1980, 1, 1), true, "33", agent);
        jdbc.sql("insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by) values (:c, 'MARKETING', true, 'ONLINE', 'v1', now(), 't')")
                .param("c", customer).update();
        jdbc.sql("""
                        insert into segment_placement (customer_id, dimension, segment, rule_set_id, reason, valid_from)
                        select :c, 'VALUE', :s, id, 'test', date '2026-01-01' from segment_rule_set where dimension = 'VALUE' order by id limit 1""")
                .param("c", customer).param("s", segment).update();
        var manager = Staff.as(Role.BRANCH_MANAGER, null, branch);

        mvc.perform(post("/api/engagement/campaigns").with(manager).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"name":"Spring home offer","channel":"SMS","audienceKind":"SEGMENT","audienceDimension":"VALUE",
                                 "audienceCode":"%s","variants":[{"templateCode":"OFFER_HOME_A","percent":60},
                                 {"templateCode":"OFFER_HOME_B","percent":30}],"responseLine":"HOME_PROPERTY","responseDays":30}"""
                                .formatted(segment)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("variants"))
                .andExpect(jsonPath("$.errors[0].message").value("The shares of the variants add up to 90%, not 100%"));
        mvc.perform(post("/engagement/campaigns").with(manager).with(csrf()).param("name", "春季家财险")
                        .param("channel", "SMS").param("audienceKind", "SEGMENT").param("audienceDimension", "VALUE")
                        .param("audienceCode", segment).param("template", "OFFER_HOME_A", "OFFER_HOME_B", "")
                        .param("percent", "60", "30", "").param("responseLine", "HOME_PROPERTY").param("responseDays", "30"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("各版本占比合计 90%，须为 100%")));

        String created = mvc.perform(post("/engagement/campaigns").with(manager).with(csrf()).param("name", "春季家财险")
                        .param("channel", "SMS").param("audienceKind", "SEGMENT").param("audienceDimension", "VALUE")
                        .param("audienceCode", segment).param("template", "OFFER_HOME_A", "OFFER_HOME_B", "")
                        .param("percent", "50", "50", "").param("responseLine", "HOME_PROPERTY").param("responseDays", "30"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(created.substring(created.lastIndexOf('/') + 1));

        long listedBefore = listings(customer);
        mvc.perform(get("/engagement/campaigns/" + id + "/preview").with(manager))
                .andExpect(status().isOk()).andExpect(content().string(containsString("柳十二您好")));
        assertThat(listings(customer)).as("the preview's sample is audited").isEqualTo(listedBefore + 1);
        mvc.perform(get("/api/engagement/campaigns/" + id + "/preview").with(Staff.analyst())).andExpect(status().isForbidden());
        mvc.perform(get("/api/engagement/campaigns/" + id + "/preview").with(Staff.agent(agent))).andExpect(status().isForbidden());

        mvc.perform(post("/engagement/campaigns/" + id + "/launch").with(manager).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/api/engagement/campaigns/" + id + "/launch").with(manager).header("Accept-Language", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("nothing is sent twice")));
        assertThat(jdbc.sql("select count(*) from engagement_message where occasion_key = :k").param("k", "campaign:" + id)
                .query(Integer.class).single()).isEqualTo(1);

        // an audience of one customer is a small cell: withheld from the analyst (docs/privacy.md section 7), not from the manager
        mvc.perform(get("/api/engagement/campaigns/" + id + "/results").with(Staff.analyst()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.audience").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.smallCellK").value(5))
                .andExpect(jsonPath("$.variants[0].label").value("A"))
                // the variant the one customer fell in is withheld; the other has no one (0 hides no one)
                .andExpect(jsonPath("$.variants[?(@.withheld == true)].queued").value(org.hamcrest.Matchers.contains(org.hamcrest.Matchers.nullValue())))
                .andExpect(jsonPath("$.variants[?(@.withheld == false)].queued").value(org.hamcrest.Matchers.contains(0)))
                .andExpect(content().string(not(containsString("柳十二"))));
        mvc.perform(get("/api/engagement/campaigns/" + id + "/results").with(manager))
                .andExpect(status().isOk()).andExpect(jsonPath("$.audience").value(1))
                .andExpect(jsonPath("$.variants[*].queued").value(org.hamcrest.Matchers.containsInAnyOrder(0, 1)))
                .andExpect(jsonPath("$.variants[?(@.withheld == true)]").isEmpty());
        mvc.perform(get("/engagement/campaigns/" + id).with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("two-proportion z-test")))
                .andExpect(content().string(not(containsString("柳十二"))))
                .andExpect(content().string(not(containsString("Launch now"))));
        mvc.perform(get("/engagement/campaigns/" + id).with(manager))
                .andExpect(status().isOk()).andExpect(content().string(containsString("进行中")));
        mvc.perform(get("/engagement/campaigns/" + id + "/results.csv").with(Staff.analyst()))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", containsString("text/csv")))
                .andExpect(content().string(containsString("campaign_id,campaign,variant,template,percent,audience")))
                .andExpect(content().string(containsString(",withheld_below_k")))
                .andExpect(content().string(containsString(id + ",春季家财险,")))
                .andExpect(content().string(containsString(",,,,,,,,,,,,<5")));
        mvc.perform(get("/engagement/campaigns").with(Staff.analyst())).andExpect(status().isOk())
                .andExpect(content().string(containsString("春季家财险")))
                .andExpect(content().string(not(containsString("campaign-form"))));
        mvc.perform(get("/api/engagement/campaigns/" + id).with(Staff.as(Role.BRANCH_MANAGER, null, book.branch("11"))))
                .andExpect(status().isNotFound());
    }

    private long listings(long customer) {
        return jdbc.sql("select count(*) from audit_listing where customer_id = :c").param("c", customer).query(Long.class).single();
    }
}
