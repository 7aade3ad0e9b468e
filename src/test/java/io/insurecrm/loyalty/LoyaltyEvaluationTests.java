package io.insurecrm.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tier evaluation on a hand-made book of one agent on 2026-06-01 with the default rules (Silver 2 years / 300,
 * Gold 5 / 800, Diamond 8 / 1,500, grace 60 days, downgrade kept until the anniversary). Every test rolls back.
 * <pre>
 * customer      home policies (annual premium)                                          expected
 * basic         2025-09-01..2026-08-31 (200)                                             BASIC (0 years)
 * twoYears      2024-05-01 renewed twice to 2027-04-30 (200)                             SILVER (2 years)
 * premium       2026-01-01..2026-12-31 (900)                                             GOLD (900 > 800)
 * lateInGrace   2020-06-01..2021-05-31, then 40 days late 2021-07-10..2026-07-09 (250)   GOLD (6 years, the gap is forgiven)
 * lateOutGrace  2020-06-01..2021-05-31, then 93 days late 2021-09-01..2026-08-31 (250)   SILVER (4 years from 2021-09-01)
 * diamond       2026-03-01..2027-02-28 (1,600)                                           DIAMOND
 * lapsed        2024-01-01..2024-12-31 LAPSED                                            NONE (former member)
 * medical       a medical policy only                                                    not a member
 * </pre>
 */
@SpringBootTest
@Transactional
class LoyaltyEvaluationTests {

    static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    @Autowired JdbcClient jdbc;
    @Autowired LoyaltyEvaluation evaluation;
    @Autowired Members members;
    @Autowired LoyaltyProgramme programme;

    BookFixtures book;
    long agent, home, medicalProduct, basic, twoYears, premium, lateInGrace, lateOutGrace, diamond, lapsed, medical;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
        home = book.product("安居家财险", "Home", "HOME_PROPERTY", null);
        medicalProduct = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        basic = customer("basic");
        book.policy(basic, home, "ACTIVE", d("2025-09-01"), d("2026-08-31"), "200");
        twoYears = customer("twoYears");
        long p1 = book.policy(twoYears, twoYears, home, "EXPIRED", d("2024-05-01"), d("2025-04-30"), "200", null);
        long p2 = book.policy(twoYears, twoYears, home, "EXPIRED", d("2025-05-01"), d("2026-04-30"), "200", p1);
        book.policy(twoYears, twoYears, home, "ACTIVE", d("2026-05-01"), d("2027-04-30"), "200", p2);
        premium = customer("premium");
        book.policy(premium, home, "ACTIVE", d("2026-01-01"), d("2026-12-31"), "900");
        lateInGrace = customer("lateInGrace");
        book.policy(lateInGrace, home, "EXPIRED", d("2020-06-01"), d("2021-05-31"), "250");
        book.policy(lateInGrace, home, "ACTIVE", d("2021-07-10"), d("2026-07-09"), "250");
        lateOutGrace = customer("lateOutGrace");
        book.policy(lateOutGrace, home, "EXPIRED", d("2020-06-01"), d("2021-05-31"), "250");
        book.policy(lateOutGrace, home, "ACTIVE", d("2021-09-01"), d("2026-08-31"), "250");
        diamond = customer("diamond");
        book.policy(diamond, home, "ACTIVE", d("2026-03-01"), d("2027-02-28"), "1600");
        lapsed = customer("lapsed");
        book.policy(lapsed, home, "LAPSED", d("2024-01-01"), d("2024-12-31"), "400");
        medical = customer("medical");
        book.policy(medical, medicalProduct, "ACTIVE", d("2026-01-01"), d("2026-12-31"), "5000");
    }

    @Test
    void eachCustomerGetsTheHighestTierOfWhichAnyConditionHolds() {
        LoyaltyEvaluation.Run run = evaluation.evaluate(all(), DAY);

        assertThat(run.evaluated()).isEqualTo(7);
        assertThat(tier(basic)).isEqualTo("BASIC");
        assertThat(tier(twoYears)).isEqualTo("SILVER");
        assertThat(tier(premium)).isEqualTo("GOLD");
        assertThat(tier(lateInGrace)).isEqualTo("GOLD");
        assertThat(tier(lateOutGrace)).isEqualTo("SILVER");
        assertThat(tier(diamond)).isEqualTo("DIAMOND");
        assertThat(tier(lapsed)).isEqualTo("NONE");
        assertThat(tier(medical)).isNull();
        Member m = members.find(twoYears, DataScope.ownBook(agent)).orElseThrow();
        assertThat(m.insuredYears()).isEqualTo(2);
        assertThat(m.reason()).isEqualTo("累计投保 2 年 ≥ 2 年");
        assertThat(m.ruleVersion()).isPositive();
        assertThat(members.find(lateInGrace, DataScope.ownBook(agent)).orElseThrow().insuredYears()).isEqualTo(6);
        assertThat(members.find(lateOutGrace, DataScope.ownBook(agent)).orElseThrow().insuredYears()).isEqualTo(4);
        assertThat(members.find(premium, DataScope.ownBook(agent)).orElseThrow().reason()).isEqualTo("家财险年缴保费 900 > 800");
    }

    @Test
    void anUpgradeIsRecordedActivatesTheBenefitsAndQueuesTheSmsAndASecondRunChangesNothing() {
        evaluation.evaluate(all(), DAY);
        // a second home policy lifts twoYears' premium above 800: Silver -> Gold
        book.policy(twoYears, home, "ACTIVE", d("2026-06-01"), d("2027-05-31"), "700");

        LoyaltyEvaluation.Run run = evaluation.evaluate(all(), DAY);

        assertThat(run.changed()).isEqualTo(1);
        assertThat(run.upgrades()).isEqualTo(1);
        assertThat(tier(twoYears)).isEqualTo("GOLD");
        assertThat(jdbc.sql("select from_tier || '>' || to_tier || ' ' || cause from loyalty_tier_change where customer_id = :c order by id")
                .param("c", twoYears).query(String.class).list())
                .containsExactly("NONE>SILVER EVALUATION", "SILVER>GOLD EVALUATION");
        List<String> sms = jdbc.sql("select template_key || ' ' || (variables ->> 'from') || '>' || (variables ->> 'tier') || ' ' "
                        + "|| (select string_agg(x ->> 'code', ',' order by x ->> 'code') from jsonb_array_elements(variables -> 'benefits') x) "
                        + "from loyalty_outbox where customer_id = :c and sent_at is null order by id")
                .param("c", twoYears).query(String.class).list();
        assertThat(sms).last().isEqualTo("loyalty.tier-upgraded SILVER>GOLD FIRE_SAFETY_KIT,HOME_SAFETY_SERVICE,PHOTO_SETTLEMENT");
        assertThat(jdbc.sql("select benefit_code from loyalty_entitlement where customer_id = :c and period_start = date '2026-01-01'")
                .param("c", twoYears).query(String.class).list())
                .contains("PHOTO_SETTLEMENT", "FIRE_SAFETY_KIT", "LEAK_INSPECTION");

        LoyaltyEvaluation.Run again = evaluation.evaluate(all(), DAY);
        assertThat(again.changed()).isZero();
        assertThat(jdbc.sql("select count(*) from loyalty_outbox where customer_id = :c").param("c", twoYears)
                .query(Integer.class).single()).isEqualTo(sms.size());
    }

    @Test
    void aDowngradeIsKeptUntilTheNextAnniversaryOfTheTier() {
        evaluation.evaluate(all(), DAY);
        jdbc.sql("update policy set annual_premium = 100 where holder_id = :c").param("c", premium).update();

        evaluation.evaluate(all(), DAY.plusDays(10));
        Member kept = members.find(premium, DataScope.ownBook(agent)).orElseThrow();
        assertThat(kept.tier()).isEqualTo(Tier.GOLD);
        assertThat(kept.qualifiedTier()).isEqualTo(Tier.BASIC);
        assertThat(kept.downgradeDue()).isEqualTo(d("2027-06-01"));

        evaluation.evaluate(all(), d("2027-05-31"));
        assertThat(tier(premium)).isEqualTo("GOLD");
        // the policy ends 2026-12-31 but stays ACTIVE in this book (no expiry batch ran): still Basic on the day
        evaluation.evaluate(all(), d("2027-06-01"));
        assertThat(tier(premium)).isEqualTo("BASIC");
    }

    @Test
    void immediateDowngradeWhenTheRulesSaySo() {
        evaluation.evaluate(all(), DAY);
        jdbc.sql("update loyalty_rule_set set rules = jsonb_set(rules, '{downgrade}', '\"IMMEDIATE\"') where active").update();
        jdbc.sql("update policy set annual_premium = 100 where holder_id = :c").param("c", premium).update();

        evaluation.evaluate(all(), DAY.plusDays(1));

        assertThat(tier(premium)).isEqualTo("BASIC");
    }

    @Test
    void anOverrideWinsUntilItExpiresAndIsShownAsSuch() {
        evaluation.evaluate(all(), DAY);
        jdbc.sql("""
                update loyalty_member set tier = 'DIAMOND', override_tier = 'DIAMOND', override_reason = '重大客户投诉补偿',
                       override_by = 'admin', override_until = date '2026-06-30' where customer_id = :c""").param("c", basic).update();

        evaluation.evaluate(all(), d("2026-06-30"));
        Member m = members.find(basic, DataScope.ownBook(agent)).orElseThrow();
        assertThat(m.tier()).isEqualTo(Tier.DIAMOND);
        assertThat(m.override()).isEqualTo(new Member.Override(Tier.DIAMOND, "重大客户投诉补偿", "admin", d("2026-06-30")));

        evaluation.evaluate(all(), d("2026-07-01"));
        Member after = members.find(basic, DataScope.ownBook(agent)).orElseThrow();
        assertThat(after.tier()).isEqualTo(Tier.BASIC);
        assertThat(after.override()).isNull();
        assertThat(jdbc.sql("select cause from loyalty_tier_change where customer_id = :c order by id desc limit 1")
                .param("c", basic).query(String.class).single()).isEqualTo("OVERRIDE_EXPIRED");
    }

    @Test
    void theWholeBookRunGivesWhatTheOneCustomerRunGives() {
        evaluation.evaluate(List.of(basic), DAY);   // so the book run below is not the programme's launch
        evaluation.evaluateAll(DAY);
        List<String> book = snapshot();
        jdbc.sql("delete from loyalty_member where customer_id = any(:ids)").param("ids", all().toArray(Long[]::new)).update();
        for (long id : all()) {
            evaluation.evaluate(List.of(id), DAY);
        }
        assertThat(snapshot()).isEqualTo(book);
    }

    @Test
    void theRenewalPreviewTellsWhatRenewingUnlocks() {
        evaluation.evaluate(all(), DAY);
        // lateOutGrace has 4 years; his policy ends 2026-08-31 and renewing makes it 5: Gold
        long policy = jdbc.sql("select id from policy where holder_id = :c and status = 'ACTIVE'").param("c", lateOutGrace)
                .query(Long.class).single();
        RenewalPreview preview = programme.renewalPreview(policy).orElseThrow();
        assertThat(preview.currentTier()).isEqualTo(Tier.SILVER);
        assertThat(preview.tierOnRenewal()).isEqualTo(Tier.GOLD);
        assertThat(preview.insuredYearsOnRenewal()).isEqualTo(5);
        assertThat(preview.unlocked()).extracting(Benefit::code)
                .containsExactlyInAnyOrder("FIRE_SAFETY_KIT", "HOME_SAFETY_SERVICE", "PHOTO_SETTLEMENT");
        assertThat(preview.messageZh()).startsWith("续保即可升级为黄金会员，解锁");
        long medicalPolicy = jdbc.sql("select id from policy where holder_id = :c").param("c", medical).query(Long.class).single();
        assertThat(programme.renewalPreview(medicalPolicy)).isEmpty();
    }

    @Test
    void goldMembersSmallOpenHomeClaimsAreFlaggedForPhotoSettlement() {
        evaluation.evaluate(all(), DAY);
        long goldPolicy = jdbc.sql("select id from policy where holder_id = :c").param("c", premium).query(Long.class).single();
        long small = book.claim(goldPolicy, DAY, "4999.99", "REPORTED");
        long large = book.claim(goldPolicy, DAY, "5000", "REPORTED");
        long basicPolicy = jdbc.sql("select id from policy where holder_id = :c").param("c", basic).query(Long.class).single();
        long basics = book.claim(basicPolicy, DAY, "100", "REPORTED");

        assertThat(programme.photoSettlement(small)).isTrue();
        assertThat(programme.photoSettlement(large)).isFalse();
        assertThat(programme.photoSettlement(basics)).isFalse();
        assertThat(programme.claimsOf(premium, DataScope.ownBook(agent))).extracting(ClaimLine::status).containsOnly("REPORTED");
    }

    private List<String> snapshot() {
        return jdbc.sql("""
                select customer_id || ' ' || tier || ' ' || qualified_tier || ' ' || reason || ' ' || insured_years
                  from loyalty_member where customer_id = any(:ids) order by customer_id""")
                .param("ids", all().toArray(Long[]::new)).query(String.class).list();
    }

    private List<Long> all() {
        return List.of(basic, twoYears, premium, lateInGrace, lateOutGrace, diamond, lapsed, medical);
    }

    private String tier(long customer) {
        return jdbc.sql("select tier from loyalty_member where customer_id = :c").param("c", customer)
                .query(String.class).optional().orElse(null);
    }

    private long customer(String name) {
        return book.individual(name, agent);
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }
}
