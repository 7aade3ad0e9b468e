package io.insurecrm.privacy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@RecordApplicationEvents
class ConsentRegistryTests {

    @Autowired
    ConsentRegistry consents;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    long agentId;
    long customerId;

    @BeforeEach
    void aCustomer() {
        BookFixtures book = new BookFixtures(jdbc);
        agentId = book.agent(book.branch("33"));
        customerId = book.individual("授权客户", agentId);
    }

    @Test
    void theLatestRecordPerPurposeIsTheCurrentStateAndEveryChangeIsPublished() {
        DataScope own = DataScope.ownBook(agentId);
        consents.grant(customerId, ConsentPurpose.MARKETING, ConsentSource.PAPER_FORM, "2026-01", own);
        consents.grant(customerId, ConsentPurpose.SERVICE, ConsentSource.IN_PERSON, "2026-01", own);
        consents.withdraw(customerId, ConsentPurpose.MARKETING, ConsentSource.ONLINE, "2026-02", own);

        ConsentState state = consents.current(customerId, own);
        assertThat(state.isGranted(ConsentPurpose.SERVICE)).isTrue();
        assertThat(state.isGranted(ConsentPurpose.MARKETING)).isFalse();
        assertThat(state.isGranted(ConsentPurpose.ANALYTICS)).isFalse();
        assertThat(state.latest(ConsentPurpose.ANALYTICS)).isEmpty();
        assertThat(state.history()).extracting(ConsentRecord::noticeVersion).containsExactly("2026-02", "2026-01", "2026-01");
        assertThat(consents.granted(List.of(customerId, -1L), ConsentPurpose.SERVICE)).containsExactly(customerId);
        assertThat(consents.granted(List.of(customerId), ConsentPurpose.MARKETING)).isEmpty();

        assertThat(events.stream(ConsentGranted.class)).extracting(ConsentGranted::purpose)
                .containsExactly(ConsentPurpose.MARKETING, ConsentPurpose.SERVICE);
        assertThat(events.stream(ConsentWithdrawn.class)).singleElement()
                .satisfies(withdrawn -> assertThat(withdrawn.noticeVersion()).isEqualTo("2026-02"));
    }

    @Test
    void requireRefusesWithThePurposeAndTheHistoryCannotBeRewritten() {
        assertThatThrownBy(() -> consents.require(customerId, ConsentPurpose.ANALYTICS, "segment the book"))
                .isInstanceOfSatisfying(ConsentMissing.class, e -> {
                    assertThat(e.purpose()).isEqualTo(ConsentPurpose.ANALYTICS);
                    assertThat(e.action()).isEqualTo("segment the book");
                });
        consents.grant(customerId, ConsentPurpose.ANALYTICS, ConsentSource.ONLINE, "v1", DataScope.all());
        consents.require(customerId, ConsentPurpose.ANALYTICS, "segment the book");

        assertThatThrownBy(() -> jdbc.sql("update consent set granted = false where customer_id = :id").param("id", customerId).update())
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void onlyTheCustomerHimselfRecordsAPortalConsent() {
        assertThatThrownBy(() -> consents.grant(customerId, ConsentPurpose.MARKETING, ConsentSource.PORTAL, "v1", DataScope.all()))
                .isInstanceOfSatisfying(io.insurecrm.platform.web.FieldRuleViolation.class, e -> {
                    assertThat(e.field()).isEqualTo("source");
                    assertThat(e.messageKey()).isEqualTo("consent.source.portalOnly");
                });
        assertThat(consents.current(customerId, DataScope.all()).history()).isEmpty();
        assertThat(ConsentSource.staffSources()).doesNotContain(ConsentSource.PORTAL).contains(ConsentSource.ONLINE);
        ConsentRecord bySubject = consents.recordBySubject(customerId, ConsentPurpose.MARKETING, true, ConsentSource.PORTAL,
                "v1", "portal");
        assertThat(bySubject.source()).isEqualTo(ConsentSource.PORTAL);
        assertThat(bySubject.recordedBy()).isEqualTo("customer:" + customerId);
    }

    @Test
    void aCustomerOutsideTheScopeIsNotFoundAndGetsNoRecord() {
        long otherAgent = new BookFixtures(jdbc).agent(new BookFixtures(jdbc).branch("11"));
        assertThatThrownBy(() -> consents.grant(customerId, ConsentPurpose.SERVICE, ConsentSource.ONLINE, "v1",
                DataScope.ownBook(otherAgent))).isInstanceOf(NotFoundException.class);
        assertThat(consents.current(customerId, DataScope.all()).history()).isEmpty();
    }
}
