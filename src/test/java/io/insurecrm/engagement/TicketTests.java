package io.insurecrm.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Service tickets with an SLA and escalation; NPS answers stored once as SURVEY interactions. */
@SpringBootTest
class TicketTests {

    @Autowired JdbcClient jdbc;
    @Autowired EngagementTickets tickets;
    @Autowired Clock clock;
    @Autowired io.insurecrm.platform.crypto.FieldCipher cipher;

    @Test
    void aComplaintIsDueAfterItsSlaIsRecordedAsAnInteractionAndEscalatedWhenOverdue() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("35"));
        long customer = book.individual("冯十", LocalDate.of(1979, 4, 4), true, "35", agent);
        DataScope mine = DataScope.ownBook(agent);
        EngagementTicket ticket = tickets.open(customer, "COMPLAINT", "理赔进度太慢", mine);
        assertThat(Duration.between(ticket.openedAt(), ticket.dueAt())).isEqualTo(Duration.ofHours(48));
        // the outcome is stored sealed (interaction/V93)
        assertThat(jdbc.sql("select type, outcome from interaction where customer_id = :c").param("c", customer)
                .query((rs, n) -> rs.getString("type") + "|" + cipher.open(rs.getString("outcome"))).list())
                .containsExactly("COMPLAINT|理赔进度太慢");
        assertThatThrownBy(() -> tickets.open(customer, "PRAISE", "x", mine)).isInstanceOfSatisfying(EngagementRefused.class,
                e -> assertThat(e.problems()).extracting(RuleProblem::code).containsExactly("engagement.ticket.kind.invalid"));

        jdbc.sql("update engagement_ticket set due_at = now() - interval '1 hour' where id = :id").param("id", ticket.id()).update();
        assertThat(tickets.escalateOverdue()).isPositive();
        assertThat(tickets.find(ticket.id(), mine).escalatedAt()).isNotNull();
        assertThat(tickets.resolve(ticket.id(), "已加急处理并致电客户", mine).status()).isEqualTo("RESOLVED");
        assertThat(tickets.open(mine)).extracting(EngagementTicket::id).doesNotContain(ticket.id());
    }

    @Test
    void anNpsAnswerIsStoredOnceAsASurveyInteraction() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("36"));
        long customer = book.individual("陈十一", LocalDate.of(1982, 2, 2), false, "36", agent);
        String key = "CLAIM_CARE:k" + BookFixtures.next();
        tickets.surveySent(key, customer);
        assertThatThrownBy(() -> tickets.answerSurvey(key, 11, null)).isInstanceOf(EngagementRefused.class);
        long interaction = tickets.answerSurvey(key, 9, "理赔很快");
        assertThat(jdbc.sql("select type || '|' || nps_score || '|' as head, outcome from interaction where id = :id")
                .param("id", interaction).query((rs, n) -> rs.getString("head") + cipher.open(rs.getString("outcome"))).single())
                .isEqualTo("SURVEY|9|理赔很快");
        assertThatThrownBy(() -> tickets.answerSurvey(key, 3, null)).isInstanceOfSatisfying(EngagementRefused.class,
                e -> assertThat(e.problems()).extracting(RuleProblem::code).containsExactly("engagement.survey.answered"));
        assertThatThrownBy(() -> tickets.answerSurvey("nope", 5, null)).isInstanceOf(EngagementRefused.class);
    }
}
