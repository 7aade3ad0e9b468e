package io.insurecrm.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.policy.PolicyRenewed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

/**
 * The NPS survey after a renewal (RENEWAL_SURVEY on PolicyRenewed, once per new term, answered as a SURVEY
 * interaction like the claim surveys) and messages in each customer's language.
 */
@SpringBootTest
@EnableScenarios
class RenewalSurveyTests {

    @Autowired JdbcClient jdbc;
    @Autowired EngagementTickets tickets;
    @Autowired EngagementMessages messages;
    @Autowired CustomerLanguages languages;
    @Autowired Clock clock;
    @Autowired io.insurecrm.platform.crypto.FieldCipher cipher;

    @Test
    void aRenewalSendsOneSurveyPerTermWhoseAnswerIsASurveyInteraction(Scenario scenario) {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("32"));
        long customer = book.individual("何十三", LocalDate.of(1970, 7, 7), true, "32", agent);
        long product = book.product("家财险", "Home", "HOME_PROPERTY", null);
        LocalDate today = LocalDate.now(clock);
        long old = book.policy(customer, product, "EXPIRED", today.minusYears(1), today, "900");
        long term = book.policy(customer, customer, product, "ACTIVE", today.plusDays(1), today.plusYears(1), "900", old);
        String number = book.policyNumber(term);
        PolicyRenewed renewed = new PolicyRenewed(term, old, number, customer, product, new BigDecimal("900"),
                today.plusDays(1), today.plusYears(1));
        String key = "RENEWAL_SURVEY:p" + term;

        scenario.publish(renewed)
                .andWaitForStateChange(() -> surveyMessages(customer), list -> !list.isEmpty())
                .andVerify(list -> assertThat(list).containsExactly("NPS_RENEWAL|SMS|SERVICE|zh-CN|何十三您好，感谢您续保" + number
                        + "。您愿意把我们推荐给亲友吗？请打分0-10：http://localhost:8080/nps?k=" + key));
        assertThat(jdbc.sql("select occasion_key || ' ' || policy_id from engagement_occasion where customer_id = :c")
                .param("c", customer).query(String.class).list()).containsExactly(key + " " + term);
        // a redelivered event fires nothing new
        scenario.publish(renewed).andWaitAtMost(Duration.ofSeconds(2))
                .andWaitForStateChange(() -> surveyMessages(customer), list -> list.size() == 1)
                .andVerify(list -> assertThat(list).hasSize(1));

        long interaction = tickets.answerSurvey(key, 8, "续保很方便");
        // the outcome is stored sealed (interaction/V93)
        assertThat(jdbc.sql("select type || '|' || nps_score || '|' as head, outcome, customer_id from interaction where id = :id")
                .param("id", interaction).query((rs, n) -> rs.getString("head") + cipher.open(rs.getString("outcome")) + "|"
                        + rs.getLong("customer_id")).single()).isEqualTo("SURVEY|8|续保很方便|" + customer);
    }

    @Test
    void aCustomerWhoPrefersEnglishGetsTheEnglishTemplateAndTheRenewalSurveyInEnglish(Scenario scenario) {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("32"), "Li Wei");
        long customer = book.individual("Tom 张", LocalDate.of(1981, 8, 8), true, "32", agent);
        long chinese = book.individual("张三丰", LocalDate.of(1981, 8, 8), true, "32", agent);
        languages.set(customer, "en", "agent", DataScope.ownBook(agent));
        assertThat(messages.localeOf(customer)).isEqualTo("en");
        assertThat(messages.localeOf(chinese)).isEqualTo("zh-CN");
        Map<String, String> vars = Map.of("policyNumber", "P-9", "date", "2027-01-31");
        messages.enqueue(customer, Channel.SMS, MessagePurpose.SERVICE, "RENEWAL_REMINDER", vars, "lang:" + customer, null);
        messages.enqueue(chinese, Channel.SMS, MessagePurpose.SERVICE, "RENEWAL_REMINDER", vars, "lang:" + chinese, null);
        assertThat(bodies(customer)).containsExactly("en|Dear Tom 张, your policy P-9 expires on 2027-01-31. Please renew in time.");
        assertThat(bodies(chinese)).containsExactly("zh-CN|张三丰您好，您的保单P-9将于2027-01-31到期，请及时续保。");

        long product = book.product("意外险", "Accident", "ACCIDENT", "BASIC");
        LocalDate today = LocalDate.now(clock);
        long old = book.policy(customer, product, "EXPIRED", today.minusYears(1), today, "300");
        long term = book.policy(customer, customer, product, "ACTIVE", today.plusDays(1), today.plusYears(1), "300", old);
        String number = book.policyNumber(term);
        scenario.publish(new PolicyRenewed(term, old, number, customer, product, new BigDecimal("300"), today.plusDays(1),
                        today.plusYears(1)))
                .andWaitForStateChange(() -> surveyMessages(customer), list -> !list.isEmpty())
                .andVerify(list -> assertThat(list).singleElement().asString()
                        .startsWith("NPS_RENEWAL|SMS|SERVICE|en|Dear Tom 张, thank you for renewing " + number + "."));
    }

    private List<String> surveyMessages(long customer) {
        return jdbc.sql("""
                        select template_code || '|' || channel || '|' || purpose || '|' || locale || '|' || body
                          from engagement_message where customer_id = :c and template_code = 'NPS_RENEWAL' order by id""")
                .param("c", customer).query(String.class).list();
    }

    private List<String> bodies(long customer) {
        return jdbc.sql("select locale || '|' || body from engagement_message where customer_id = :c order by id")
                .param("c", customer).query(String.class).list();
    }
}
