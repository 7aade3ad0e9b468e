package io.insurecrm.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.claim.ClaimSettled;
import io.insurecrm.claim.ClaimStatus;
import io.insurecrm.claim.ClaimStatusChanged;
import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import java.math.BigDecimal;
import java.time.Clock;
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
 * Date triggers and signals fire once per customer and term across re-runs, the dry run shows who and why without
 * writing, the per-customer path finds the same, event triggers fire from the claim module's events, and impossible
 * trigger changes are refused.
 */
@SpringBootTest
@EnableScenarios
class TriggerScanTests {

    @Autowired JdbcClient jdbc;
    @Autowired TriggerScan scan;
    @Autowired EngagementTriggers triggers;
    @Autowired EngagementTasks tasks;
    @Autowired CustomerLanguages languages;
    @Autowired Clock clock;

    @Test
    void birthdayExpiryAndAnniversaryFireOnceWithTaskAndMessageAndTheDryRunShowsThemFirst() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("23"), "赵顾问");
        LocalDate today = LocalDate.now(clock);
        LocalDate birthday = today.plusDays(7);
        long customer = book.individual("王五", birthday.minusYears(40), true, "23", agent);
        long product = book.product("家财险", "Home", "HOME_PROPERTY", null);
        long expiring = book.policy(customer, product, "ACTIVE", today.plusDays(30).minusYears(1), today.plusDays(30), "2000");
        long anniversary = book.policy(customer, product, "ACTIVE", today.minusYears(2), today.plusYears(1), "1000");

        DataScope mine = DataScope.ownBook(agent);
        Map<EngagementTrigger, List<Occasion>> dry = scan.dryRun(today, mine, 100);
        List<Occasion> planned = dry.values().stream().flatMap(List::stream).filter(o -> o.customerId() == customer).toList();
        assertThat(planned).extracting(Occasion::triggerCode, Occasion::occasionKey).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("BIRTHDAY_REVIEW", "BIRTHDAY_REVIEW:c" + customer + ":" + birthday.getYear()),
                org.assertj.core.groups.Tuple.tuple("RENEWAL_REMINDER", "RENEWAL_REMINDER:p" + expiring),
                org.assertj.core.groups.Tuple.tuple("HOME_SAFETY", "HOME_SAFETY:p" + anniversary + ":" + today.getYear()));
        assertThat(planned).filteredOn(o -> o.triggerCode().equals("BIRTHDAY_REVIEW")).singleElement()
                .satisfies(o -> assertThat(o.reason()).isEqualTo("生日 " + birthday + "（7 天后）"));
        assertThat(scan.forCustomer(customer, today)).extracting(Occasion::occasionKey)
                .containsExactlyInAnyOrderElementsOf(planned.stream().map(Occasion::occasionKey).toList());
        assertThat(occasions(customer)).as("a dry run writes nothing").isZero();

        scan.scan(today);
        assertThat(occasions(customer)).isEqualTo(3);
        assertThat(tasks.ofCustomer(customer, mine)).extracting(EngagementTask::kind, EngagementTask::assigneeAgentId, EngagementTask::dueOn)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(TaskKind.COVERAGE_REVIEW, agent, today.plusDays(7)),
                        org.assertj.core.groups.Tuple.tuple(TaskKind.RENEWAL, agent, today.plusDays(21)));
        assertThat(jdbc.sql("select template_code || '|' || channel || '|' || purpose || '|' || body from engagement_message where customer_id = :c order by template_code")
                .param("c", customer).query(String.class).list())
                .containsExactly("COVERAGE_REVIEW|SMS|MARKETING|王五您好，生日将至，您的顾问赵顾问邀请您做一次免费的保障检视。回复TD退订",
                        "HOME_SAFETY|PUSH|SERVICE|王五您好，保单" + book.policyNumber(anniversary)
                                + "周年之际，为您送上家居安全提示：入冬前请为水管做好保温，长期外出时关闭总阀并排空管道，防止冻裂。",
                        "RENEWAL_REMINDER|SMS|SERVICE|王五您好，您的保单" + book.policyNumber(expiring) + "将于" + today.plusDays(30) + "到期，请及时续保。");

        scan.scan(today);
        assertThat(occasions(customer)).as("a re-run fires nothing twice").isEqualTo(3);
        assertThat(tasks.ofCustomer(customer, mine)).hasSize(2);
        assertThat(jdbc.sql("select count(*) from engagement_message where customer_id = :c").param("c", customer)
                .query(Integer.class).single()).isEqualTo(3);
        assertThat(scan.dryRun(today, mine, 100).values().stream().flatMap(List::stream)
                .filter(o -> o.customerId() == customer)).isEmpty();
    }

    @Test
    void aTriggerWhoseTemplateIsGoneFiresNothingUntilItIsBackAndTheOthersStillFire() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("23"), "钱顾问");
        LocalDate today = LocalDate.now(clock);
        long customer = book.individual("孙七", today.plusDays(7).minusYears(35), true, "23", agent);
        long product = book.product("家财险", "Home", "HOME_PROPERTY", null);
        long expiring = book.policy(customer, product, "ACTIVE", today.plusDays(30).minusYears(1), today.plusDays(30), "900");
        jdbc.sql("update engagement_template set code = 'GONE_COVERAGE_REVIEW' where code = 'COVERAGE_REVIEW'").update();
        try {
            scan.scan(today);
            assertThat(jdbc.sql("select trigger_code from engagement_occasion where customer_id = :c").param("c", customer)
                    .query(String.class).list()).as("the birthday occasion is not fired without its message")
                    .containsExactly("RENEWAL_REMINDER");
            assertThat(jdbc.sql("select occasion_key from engagement_message where customer_id = :c").param("c", customer)
                    .query(String.class).list()).containsExactly("RENEWAL_REMINDER:p" + expiring);
        } finally {
            jdbc.sql("update engagement_template set code = 'COVERAGE_REVIEW' where code = 'GONE_COVERAGE_REVIEW'").update();
        }
        scan.scan(today);
        assertThat(jdbc.sql("select occasion_key from engagement_message where customer_id = :c order by occasion_key")
                .param("c", customer).query(String.class).list())
                .containsExactly("BIRTHDAY_REVIEW:c" + customer + ":" + today.plusDays(7).getYear(), "RENEWAL_REMINDER:p" + expiring);
        assertThat(jdbc.sql("select count(*) from engagement_task where customer_id = :c").param("c", customer)
                .query(Integer.class).single()).as("one task per occasion, the birthday's with its message").isEqualTo(2);
    }

    @Test
    void theAdvisorsYearlyReviewFiresOnTheDayTheCustomerJoinedInEarlierYearsOnlyAndNoContactNeedsAnActivePolicy() {
        BookFixtures book = new BookFixtures(jdbc);
        long advisor = book.agent(book.branch("23"), "钟顾问");
        jdbc.sql("update agent set kind = 'ADVISOR' where id = :a").param("a", advisor).update();
        LocalDate today = LocalDate.now(clock);
        java.time.ZoneId zone = clock.getZone();
        long joinedThreeYearsAgo = book.individual("冯一", LocalDate.of(1980, 5, 5), true, "23", advisor);
        long joinedLateThatDay = book.individual("陈二", LocalDate.of(1981, 5, 5), true, "23", advisor);
        long joinedTheDayBefore = book.individual("褚三", LocalDate.of(1982, 5, 5), true, "23", advisor);
        long joinedToday = book.individual("卫四", LocalDate.of(1983, 5, 5), true, "23", advisor);
        joined(joinedThreeYearsAgo, today.minusYears(3).atStartOfDay(zone).toOffsetDateTime());
        joined(joinedLateThatDay, today.minusYears(1).plusDays(1).atStartOfDay(zone).minusSeconds(1).toOffsetDateTime());
        joined(joinedTheDayBefore, today.minusYears(2).minusDays(1).atTime(12, 0).atZone(zone).toOffsetDateTime());
        joined(joinedToday, today.atStartOfDay(zone).toOffsetDateTime());
        long product = book.product("意外险", "Accident", "ACCIDENT", null);
        book.policy(joinedThreeYearsAgo, product, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "300");
        book.interaction(joinedLateThatDay, "CONSULTATION", today.minusMonths(1).atStartOfDay(zone).toOffsetDateTime(), "OK");
        book.policy(joinedLateThatDay, product, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "300");

        scan.scan(today);

        assertThat(jdbc.sql("select occasion_key from engagement_occasion where trigger_code = 'ANNUAL_REVIEW' and customer_id in (:ids)")
                .param("ids", List.of(joinedThreeYearsAgo, joinedLateThatDay, joinedTheDayBefore, joinedToday))
                .query(String.class).list()).containsExactlyInAnyOrder(
                        "ANNUAL_REVIEW:c" + joinedThreeYearsAgo + ":" + today.getYear(),
                        "ANNUAL_REVIEW:c" + joinedLateThatDay + ":" + today.getYear());
        // three years without a contact and a policy in force: a retention task; a month ago, or no policy: none
        assertThat(jdbc.sql("select occasion_key from engagement_occasion where trigger_code = 'NO_CONTACT' and customer_id in (:ids)")
                .param("ids", List.of(joinedThreeYearsAgo, joinedLateThatDay, joinedTheDayBefore, joinedToday))
                .query(String.class).list()).containsExactly("NO_CONTACT:c" + joinedThreeYearsAgo + ":none");
    }

    private void joined(long customer, java.time.OffsetDateTime at) {
        jdbc.sql("update customer set created_at = :at where id = :c").param("at", at).param("c", customer).update();
    }

    @Test
    void theScanWritesEachCustomersMessagesInHisLanguageAdviceIncluded() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("23"), "何顾问");
        LocalDate today = LocalDate.now(clock);
        long product = book.product("家财险", "Home", "HOME_PROPERTY", null);
        long english = book.individual("Li Lei", LocalDate.of(1975, 3, 3), true, "23", agent);
        long chinese = book.individual("韩梅梅", LocalDate.of(1976, 3, 3), false, "23", agent);
        languages.set(english, "en", "agent", DataScope.ownBook(agent));
        long englishPolicy = book.policy(english, product, "ACTIVE", today.minusYears(2), today.plusYears(1), "900");
        book.policy(chinese, product, "ACTIVE", today.minusYears(2), today.plusYears(1), "900");

        scan.scan(today);

        assertThat(jdbc.sql("select locale || '|' || body from engagement_message where customer_id = :c and template_code = 'HOME_SAFETY'")
                .param("c", english).query(String.class).single())
                .startsWith("en|").contains(book.policyNumber(englishPolicy)).doesNotContainPattern("\\p{IsHan}");
        assertThat(jdbc.sql("select locale || '|' || body from engagement_message where customer_id = :c and template_code = 'HOME_SAFETY'")
                .param("c", chinese).query(String.class).single()).startsWith("zh-CN|韩梅梅您好").contains("水管");
    }

    @Test
    void aHomeRenewalReminderTellsWhatRenewingUnlocksAndReadsWellWithoutIt() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"), "周顾问");
        LocalDate today = LocalDate.now(clock);
        LocalDate ends = today.plusDays(30);
        long product = book.product("家财险", "Home", "HOME_PROPERTY", null);
        // 4 insured years today (Silver), 5 on the renewal's first day: Gold (premium 200 qualifies for nothing)
        long upgrading = book.individual("吴八", LocalDate.of(1970, 1, 1), true, "33", agent);
        long upgradingPolicy = book.policy(upgrading, product, "ACTIVE", ends.minusYears(5), ends, "200");
        // 2 years today, 3 on renewal: Silver either way
        long staying = book.individual("郑九", LocalDate.of(1971, 1, 1), true, "33", agent);
        long stayingPolicy = book.policy(staying, product, "ACTIVE", ends.minusYears(3), ends, "200");

        scan.scan(today);

        assertThat(renewalReminder(upgrading)).isEqualTo("吴八您好，您的保单" + book.policyNumber(upgradingPolicy) + "将于" + ends
                + "到期，请及时续保。续保即可升级为黄金会员，解锁家庭消防器材免费领、家庭安全服务（电路检测/燃气检漏）、小额理赔照片定损免上门勘查。");
        assertThat(renewalReminder(staying)).isEqualTo("郑九您好，您的保单" + book.policyNumber(stayingPolicy) + "将于" + ends
                + "到期，请及时续保。");
        assertThat(scan.loyaltyPreview(stayingPolicy)).isEmpty();
    }

    @Test
    void anEmptyLoyaltyPreviewLeavesNoDanglingSpaceInEnglish() {
        String body = "Dear {{customerName}}, your policy {{policyNumber}} expires on {{date}}. Please renew in time. {{loyaltyPreview}}";
        assertThat(MessageTemplate.render(body, Map.of("customerName", "Li", "policyNumber", "P1", "date", "2027-01-01",
                "loyaltyPreview", ""))).isEqualTo("Dear Li, your policy P1 expires on 2027-01-01. Please renew in time.");
        assertThat(MessageTemplate.render(body, Map.of("customerName", "Li", "policyNumber", "P1", "date", "2027-01-01",
                "loyaltyPreview", "Renew and become a Gold member.")))
                .isEqualTo("Dear Li, your policy P1 expires on 2027-01-01. Please renew in time. Renew and become a Gold member.");
        assertThatThrownBy(() -> MessageTemplate.render(body, Map.of("customerName", "Li", "policyNumber", "P1",
                "loyaltyPreview", ""))).hasMessageContaining("date");
    }

    private String renewalReminder(long customer) {
        return jdbc.sql("select body from engagement_message where customer_id = :c and template_code = 'RENEWAL_REMINDER'")
                .param("c", customer).query(String.class).single();
    }

    @Test
    void noRenewalAfterAClaimIsASignal() {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("32"));
        LocalDate today = LocalDate.now(clock);
        long customer = book.individual("钱六", LocalDate.of(1970, 1, 15), false, "32", agent);
        long product = book.product("家财险", "Home", "HOME_PROPERTY", null);
        long policy = book.policy(customer, product, "EXPIRED", today.minusDays(10).minusYears(1), today.minusDays(10), "800");
        book.claim(policy, today.minusMonths(5), "3000", "REPORTED", "PAID");
        List<Occasion> occasions = scan.forCustomer(customer, today);
        assertThat(occasions).filteredOn(o -> o.triggerCode().equals("NO_RENEWAL_AFTER_CLAIM")).singleElement()
                .satisfies(o -> assertThat(o.reason()).isEqualTo("保单 " + book.policyNumber(policy) + " 于 "
                        + today.minusDays(10) + " 到期，期内有理赔，未续保"));
    }

    @Test
    void aClaimThatMovesOnPushesProgressAndASettledClaimOpensACareTaskAndSurveyOnce(Scenario scenario) {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("31"));
        long customer = book.individual("孙七", LocalDate.of(1975, 6, 1), true, "31", agent);
        long product = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        LocalDate today = LocalDate.now(clock);
        long policy = book.policy(customer, product, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "500");
        long claim = book.claim(policy, today.minusDays(3), "1200", "REPORTED", "ASSESSING", "PAID");

        scenario.publish(new ClaimStatusChanged(claim, customer, policy, ClaimStatus.ASSESSING, ClaimStatus.PAID))
                .andWaitForStateChange(() -> messages(customer), list -> !list.isEmpty())
                .andVerify(list -> assertThat(list).containsExactly("CLAIM_PROGRESS|PUSH|您的理赔"
                        + claimNumber(claim) + "进度更新：已赔付"));

        ClaimSettled settled = new ClaimSettled(claim, customer, policy, ClaimStatus.PAID, new BigDecimal("1200"), today);
        scenario.publish(settled)
                .andWaitForStateChange(() -> tasks.ofCustomer(customer, DataScope.all()), list -> !list.isEmpty())
                .andVerify(list -> assertThat(list).singleElement().satisfies(task -> {
                    assertThat(task.kind()).isEqualTo(TaskKind.CLAIM_CARE);
                    assertThat(task.dueOn()).isEqualTo(today.plusDays(3));
                    assertThat(task.reason()).isEqualTo("理赔 " + claimNumber(claim) + " 已结案（PAID），关怀回访");
                }));
        assertThat(messages(customer)).hasSize(2).anySatisfy(m -> assertThat(m).startsWith("NPS_SURVEY|SMS|孙七您好")
                .contains("CLAIM_CARE:k" + claim));
        // the same event again (a redelivery) fires nothing new
        scenario.publish(settled).andWaitAtMost(java.time.Duration.ofSeconds(2))
                .andWaitForStateChange(() -> occasionsOf("CLAIM_CARE:k" + claim), n -> n == 1)
                .andVerify(n -> assertThat(tasks.ofCustomer(customer, DataScope.all())).hasSize(1));
    }

    @Test
    void impossibleOffsetsAndUnknownTemplatesAreRefusedAndAChangeIsVersionedAndAudited() {
        TriggerChange birthdayYearAhead = new TriggerChange("BIRTHDAY_REVIEW", Anchor.BIRTHDAY, -400, null, true,
                TaskKind.COVERAGE_REVIEW, 7, "COVERAGE_REVIEW", Channel.SMS, MessagePurpose.MARKETING, true);
        assertThatThrownBy(() -> triggers.save(birthdayYearAhead, "admin"))
                .isInstanceOfSatisfying(EngagementRefused.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.field()).isEqualTo("offsetDays");
                            assertThat(p.code()).isEqualTo("engagement.trigger.offset.impossible");
                            assertThat(p.arguments()).containsExactly(-400, "BIRTHDAY", -180, 180);
                        }));
        TriggerChange tier = new TriggerChange("TIER_SMS", Anchor.TIER_CHANGED, 0, null, false, null, 7,
                "NOPE", Channel.SMS, MessagePurpose.SERVICE, true);
        assertThatThrownBy(() -> triggers.save(tier, "admin")).isInstanceOfSatisfying(EngagementRefused.class,
                e -> assertThat(e.problems()).extracting(RuleProblem::code).containsExactly(
                        "engagement.template.notFound", "engagement.template.notFound"));
        TriggerChange noContact = new TriggerChange("NO_CONTACT_TEST", Anchor.NO_CONTACT, 0, 0, true, TaskKind.RETENTION, 14,
                null, null, MessagePurpose.SERVICE, false);
        assertThatThrownBy(() -> triggers.save(noContact, "admin")).isInstanceOf(EngagementRefused.class);

        String code = "REVIEW_" + (System.nanoTime() % 1_000_000);
        TriggerChange change = new TriggerChange(code, Anchor.POLICY_EXPIRY, -45, null, true, TaskKind.RENEWAL, 14,
                "RENEWAL_REMINDER", Channel.EMAIL, MessagePurpose.SERVICE, false);
        assertThat(triggers.save(change, "admin").version()).isEqualTo(1);
        EngagementTrigger second = triggers.save(new TriggerChange(code, Anchor.POLICY_EXPIRY, -60, null, true, TaskKind.RENEWAL, 14,
                "RENEWAL_REMINDER", Channel.EMAIL, MessagePurpose.SERVICE, false), "admin");
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.offsetDays()).isEqualTo(-60);
        assertThat(jdbc.sql("select reason from audit_event where action = 'RULE_CHANGE' and :f = any(fields) order by seq")
                .param("f", "engagement_trigger." + code).query(String.class).list())
                .containsExactly("engagement trigger " + code + " v1: POLICY_EXPIRY -45d, disabled",
                        "engagement trigger " + code + " v2: POLICY_EXPIRY -60d, disabled");
    }

    private int occasions(long customer) {
        return jdbc.sql("select count(*) from engagement_occasion where customer_id = :c").param("c", customer)
                .query(Integer.class).single();
    }

    private int occasionsOf(String key) {
        return jdbc.sql("select count(*) from engagement_occasion where occasion_key = :k").param("k", key)
                .query(Integer.class).single();
    }

    private List<String> messages(long customer) {
        return jdbc.sql("select template_code || '|' || channel || '|' || body from engagement_message where customer_id = :c order by id")
                .param("c", customer).query(String.class).list();
    }

    private String claimNumber(long claim) {
        return jdbc.sql("select claim_number from claim where id = :id").param("id", claim).query(String.class).single();
    }
}
