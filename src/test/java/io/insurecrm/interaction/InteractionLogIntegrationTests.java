package io.insurecrm.interaction;

import io.insurecrm.customer.CustomerNotFound;
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.Paged;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static io.insurecrm.fixtures.BookFixtures.at;
import static io.insurecrm.fixtures.BookFixtures.instant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@RecordApplicationEvents
class InteractionLogIntegrationTests {

    @Autowired
    InteractionLog log;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    BookFixtures book;
    long agent;
    long otherAgent;
    long customer;
    long referred;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        long branch = book.branch("33", "杭州");
        agent = book.agent(branch, "王芳");
        otherAgent = book.agent(branch, "李强");
        customer = book.individual("张伟", agent);
        referred = book.individual("赵敏", agent);
    }

    @Test
    void recordsAnInteractionAndListsItNewestFirst() {
        book.interaction(customer, "CONSULTATION", at("2026-01-05T09:00:00"), "older");
        book.interaction(customer, "COMPLAINT", at("2026-03-01T15:30:00"), "newer");

        long id = log.record(customer, form(InteractionType.SURVEY, LocalDateTime.of(2026, 3, 2, 10, 0), 9, null),
                DataScope.ownBook(agent));

        Paged<InteractionEntry> page = log.list(customer, DataScope.ownBook(agent), 0, 2);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.content()).extracting(InteractionEntry::outcome).containsExactly("a survey", "newer");
        InteractionEntry survey = page.content().get(0);
        assertThat(survey.id()).isEqualTo(id);
        assertThat(survey.occurredAt()).isEqualTo(instant("2026-03-02T10:00:00"));
        assertThat(survey.npsScore()).isEqualTo(9);
        assertThat(survey.agentId()).isEqualTo(agent);
        assertThat(survey.agentName()).isEqualTo("王芳");
        assertThat(log.list(customer, DataScope.ownBook(agent), 1, 2).content()).extracting(InteractionEntry::outcome)
                .containsExactly("older");
        assertThat(events.stream(InteractionRecorded.class))
                .containsExactly(new InteractionRecorded(id, customer, InteractionType.SURVEY, InteractionChannel.WECHAT,
                        instant("2026-03-02T10:00:00"), 9, null, agent));
    }

    @Test
    void aReferralShowsTheReferredCustomerOnlyWithinTheScope() {
        log.record(customer, form(InteractionType.REFERRAL, LocalDateTime.of(2026, 2, 1, 10, 0), null, referred),
                DataScope.all());
        jdbc.sql("update customer set agent_id = :other where id = :id").param("other", otherAgent).param("id", referred).update();

        InteractionEntry seenByAll = log.list(customer, DataScope.all(), 0, 10).content().get(0);
        InteractionEntry seenByAgent = log.list(customer, DataScope.ownBook(agent), 0, 10).content().get(0);

        assertThat(seenByAll.referredCustomerName()).isEqualTo("赵敏");
        assertThat(seenByAll.agentId()).isNull();
        assertThat(seenByAgent.referredCustomerVisible()).isFalse();
        assertThat(seenByAgent.referredCustomerName()).isNull();
    }

    @Test
    void refusesAnotherAgentsCustomer() {
        assertThatThrownBy(() -> log.list(customer, DataScope.ownBook(otherAgent), 0, 10)).isInstanceOf(CustomerNotFound.class);
        assertThatThrownBy(() -> log.record(customer, form(InteractionType.CONSULTATION, LocalDateTime.of(2026, 1, 1, 9, 0), null, null),
                DataScope.ownBook(otherAgent))).isInstanceOf(CustomerNotFound.class);
    }

    @Test
    void refusesATimeInTheFutureAndAScoreOnAComplaint() {
        assertThatThrownBy(() -> log.record(customer, form(InteractionType.CONSULTATION, LocalDateTime.now().plusHours(2), null, null),
                DataScope.all()))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.field()).isEqualTo("occurredAt"));
        assertThatThrownBy(() -> log.record(customer, form(InteractionType.COMPLAINT, LocalDateTime.of(2026, 1, 1, 9, 0), 3, null),
                DataScope.all()))
                .isInstanceOfSatisfying(FieldRuleViolation.class, e -> assertThat(e.messageKey()).isEqualTo("interaction.npsScore.onlySurvey"));
        assertThat(log.list(customer, DataScope.all(), 0, 10).total()).isZero();
    }

    private static InteractionForm form(InteractionType type, LocalDateTime at, Integer nps, Long referredCustomerId) {
        InteractionForm form = new InteractionForm();
        form.setType(type);
        form.setChannel(InteractionChannel.WECHAT);
        form.setOccurredAt(at);
        form.setNpsScore(nps);
        form.setReferredCustomerId(referredCustomerId);
        form.setOutcome(type == InteractionType.SURVEY ? "a survey" : null);
        return form;
    }
}
