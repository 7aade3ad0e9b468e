package io.insurecrm.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns against PostgreSQL: the audience of a segment, a tag and a target list within the creator's scope, the
 * guards counted per reason, the deterministic split as the launch's SQL computes it, each customer's language, a
 * second launch that sends nothing twice, responses measured on the policy table, cancel and schedule.
 */
@SpringBootTest
class CampaignTests {

    @Autowired JdbcClient jdbc;
    @Autowired Campaigns campaigns;
    @Autowired CustomerLanguages languages;
    @Autowired Clock clock;

    BookFixtures book;

    static CampaignDraft draft(CampaignAudience.Kind kind, String dimension, String code, Integer top, Channel channel) {
        return new CampaignDraft("家财险推广 " + code, null, channel, kind, dimension, code, top,
                List.of(new CampaignDraft.VariantDraft("OFFER_HOME_A", 50), new CampaignDraft.VariantDraft("OFFER_HOME_B", 50)),
                "HOME_PROPERTY", 30);
    }

    long customer(long agent, String name) {
        return book.individual(name, LocalDate.of(1985, 3, 12), true, "33", agent);
    }

    void consent(long customer, String purpose, boolean granted) {
        jdbc.sql("""
                        insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                        values (:c, :p, :g, 'PAPER_FORM', 'v1', now(), 'test')""")
                .param("c", customer).param("p", purpose).param("g", granted).update();
    }

    void segment(long customer, String code) {
        jdbc.sql("""
                        insert into segment_placement (customer_id, dimension, segment, rule_set_id, reason, valid_from)
                        select :c, 'VALUE', :s, id, 'test', date '2026-01-01' from segment_rule_set
                         where dimension = 'VALUE' order by active desc, id limit 1""")
                .param("c", customer).param("s", code).update();
    }

    void tag(long customer, String tag) {
        jdbc.sql("""
                        insert into customer_tag (customer_id, tag_dimension, tag, source, note, created_by, created_at)
                        values (:c, 'NEED', :t, 'MANUAL', 'test', 'test', now())""")
                .param("c", customer).param("t", tag).update();
    }

    List<String> messagesOf(long campaign) {
        return jdbc.sql("""
                        select m.idempotency_key || '|' || m.locale || '|' || m.template_code || '|' || r.variant || '|' || m.body
                          from engagement_campaign_recipient r join engagement_message m on m.id = r.message_id
                         where r.campaign_id = :id order by r.customer_id""")
                .param("id", campaign).query(String.class).list();
    }

    @Test
    void aSegmentCampaignSkipsByReasonSplitsDeterministicallySpeaksEachLanguageAndNeverSendsTwice() {
        book = new BookFixtures(jdbc);
        long branch = book.branch("33");
        long agent = book.agent(branch, "钱顾问");
        String segment = "CAMP" + BookFixtures.next();
        List<Long> reachable = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long c = customer(agent, "客户" + i);
            consent(c, "MARKETING", true);
            segment(c, segment);
            reachable.add(c);
        }
        long optedOut = customer(agent, "退订者");
        long noConsent = customer(agent, "未同意者");
        long withdrawn = customer(agent, "撤回者");
        long noPhone = customer(agent, "无手机者");
        long capped = customer(agent, "已满额者");
        for (long c : List.of(optedOut, noConsent, withdrawn, noPhone, capped)) {
            segment(c, segment);
        }
        for (long c : List.of(optedOut, withdrawn, noPhone, capped)) {
            consent(c, "MARKETING", true);
        }
        consent(noConsent, "SERVICE", true);
        consent(withdrawn, "MARKETING", false);
        jdbc.sql("insert into engagement_opt_out (customer_id, channel, opted_out_at, source) values (:c, 'SMS', now(), 'reply TD')")
                .param("c", optedOut).update();
        jdbc.sql("update customer set phone = null where id = :c").param("c", noPhone).update();
        for (int i = 0; i < 3; i++) {
            jdbc.sql("""
                            insert into engagement_message (idempotency_key, customer_id, channel, recipient, purpose, body, status,
                                                            next_attempt_at, created_at, sent_at)
                            values (:k, :c, 'SMS', '13900000000', 'SERVICE', 'x', 'SENT', :at, :at, :at)""")
                    .param("k", "cap-test:" + BookFixtures.next()).param("c", capped)
                    .param("at", OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofHours(2)), ZoneOffset.UTC)).update();
        }
        // the same segment in another branch: outside the creator's scope
        long elsewhere = customer(book.agent(book.branch("44")), "外地客户");
        consent(elsewhere, "MARKETING", true);
        segment(elsewhere, segment);
        long english = reachable.get(0);
        DataScope scope = DataScope.branch(branch);
        languages.set(english, "en", "test", scope);

        Campaign campaign = campaigns.create(draft(CampaignAudience.Kind.SEGMENT, "VALUE", segment, null, Channel.SMS), "manager", scope);
        assertThat(campaign.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(campaign.purpose()).isEqualTo(MessagePurpose.MARKETING);

        CampaignPreview preview = campaigns.preview(campaign.id(), scope);
        assertThat(preview.audience()).isEqualTo(35);
        assertThat(preview.skipped()).containsExactlyInAnyOrderEntriesOf(Map.of(SkipReason.OPTED_OUT, 1,
                SkipReason.NO_CONSENT, 2, SkipReason.NO_CONTACT, 1, SkipReason.FREQUENCY_CAP, 1));
        long expectedA = reachable.stream().filter(c -> CampaignSplit.variantOf(campaign.id(), c, campaign.variants()).equals("A")).count();
        assertThat(preview.perVariant()).containsExactlyInAnyOrderEntriesOf(Map.of("A", (int) expectedA, "B", 30 - (int) expectedA));
        assertThat(preview.sample()).hasSize(Campaigns.SAMPLE).allSatisfy(s -> assertThat(s.body()).doesNotContain("{{").contains("钱顾问"));
        assertThat(preview.sample().get(0).customerId()).isEqualTo(english);
        assertThat(preview.sample().get(0).body()).startsWith("Dear 客户0, ").contains("钱顾问").endsWith("Reply TD to opt out");
        assertThat(jdbc.sql("select count(*) from engagement_campaign_recipient where campaign_id = :id").param("id", campaign.id())
                .query(Integer.class).single()).as("the preview writes nothing").isZero();

        Campaigns.Launch launch = campaigns.launch(campaign.id(), "manager", scope);
        assertThat(launch.queued()).isEqualTo(30);
        assertThat(launch.skipped()).isEqualTo(5);
        assertThat(campaigns.find(campaign.id(), scope).status()).isEqualTo(CampaignStatus.RUNNING);
        List<String> sent = messagesOf(campaign.id());
        assertThat(sent).hasSize(30);
        for (int i = 0; i < reachable.size(); i++) {
            long c = reachable.get(i);
            String variant = CampaignSplit.variantOf(campaign.id(), c, campaign.variants());
            String locale = c == english ? "en" : "zh-CN";
            assertThat(sent.get(i)).startsWith("campaign:" + campaign.id() + ":c" + c + "|" + locale + "|OFFER_HOME_" + variant + "|" + variant + "|");
        }
        assertThat(sent.get(1)).endsWith("|客户1您好，" + (sent.get(1).contains("OFFER_HOME_A") ? "家财险本月投保享九折，详询您的顾问钱顾问。回复TD退订"
                : "一份家财险守护全家安心。钱顾问可为您免费评估。回复TD退订"));
        assertThat(jdbc.sql("""
                        select skip_reason from engagement_campaign_recipient where campaign_id = :id and skip_reason is not null
                         order by customer_id""").param("id", campaign.id()).query(String.class).list())
                .containsExactly("OPTED_OUT", "NO_CONSENT", "NO_CONSENT", "NO_CONTACT", "FREQUENCY_CAP");

        // launching again: refused, and the statement itself run again queues nothing twice
        assertThatThrownBy(() -> campaigns.launch(campaign.id(), "manager", scope)).isInstanceOfSatisfying(EngagementRefused.class,
                e -> assertThat(e.problems()).extracting(RuleProblem::code).containsExactly("engagement.campaign.notLaunchable"));
        consent(noConsent, "MARKETING", true); // a member judged once is not messaged by a re-run either
        assertThat(campaigns.queue(campaigns.find(campaign.id(), scope))).isEqualTo(new Campaigns.Launch(campaign.id(), 0, 0));
        assertThat(jdbc.sql("select count(*) from engagement_message where occasion_key = :k").param("k", "campaign:" + campaign.id())
                .query(Integer.class).single()).isEqualTo(30);

        // another branch's manager does not find it; the whole book's roles do
        assertThatThrownBy(() -> campaigns.find(campaign.id(), DataScope.branch(book.branch("11")))).isInstanceOf(NotFoundException.class);
        assertThat(campaigns.list(DataScope.all())).extracting(Campaign::id).contains(campaign.id());
    }

    @Test
    void theLaunchSqlAssignsTheVariantThatTheJavaSplitComputes() {
        book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        String tag = "CAMPT" + BookFixtures.next();
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long c = customer(agent, "标签客户" + i);
            consent(c, "MARKETING", true);
            tag(c, tag);
            customers.add(c);
        }
        CampaignDraft threeWay = new CampaignDraft("三版本", null, Channel.PUSH, CampaignAudience.Kind.TAG, "NEED", tag, null,
                List.of(new CampaignDraft.VariantDraft("OFFER_HOME_A", 20), new CampaignDraft.VariantDraft("OFFER_HOME_B", 30),
                        new CampaignDraft.VariantDraft("OFFER_HOME_A", 50)), "HOME_PROPERTY", 30);
        Campaign campaign = campaigns.create(threeWay, "admin", DataScope.all());
        assertThat(campaigns.launch(campaign.id(), "admin", DataScope.all()).queued()).isEqualTo(200);
        Map<Long, String> assigned = new java.util.HashMap<>();
        jdbc.sql("select customer_id, variant from engagement_campaign_recipient where campaign_id = :id").param("id", campaign.id())
                .query((rs, n) -> assigned.put(rs.getLong(1), rs.getString(2))).list();
        for (long c : customers) {
            assertThat(assigned.get(c)).as("customer " + c).isEqualTo(CampaignSplit.variantOf(campaign.id(), c, campaign.variants()));
        }
        assertThat(assigned.values()).contains("A", "B", "C");
        assertThat(jdbc.sql("select count(*) from engagement_message where occasion_key = :k and recipient like 'app:%'")
                .param("k", "campaign:" + campaign.id()).query(Integer.class).single()).isEqualTo(200);
    }

    @Test
    void responsesArePoliciesOfTheLineBoughtWithinTheWindowAfterDelivery() {
        book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        String tag = "CAMPR" + BookFixtures.next();
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long c = customer(agent, "响应客户" + i);
            consent(c, "MARKETING", true);
            tag(c, tag);
            customers.add(c);
        }
        Campaign campaign = campaigns.create(draft(CampaignAudience.Kind.TAG, "NEED", tag, null, Channel.SMS), "admin", DataScope.all());
        campaigns.launch(campaign.id(), "admin", DataScope.all());
        Instant sentAt = clock.instant().minus(Duration.ofDays(40));
        OffsetDateTime sent = OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC);
        // every message delivered 40 days ago, but the last customer's parked
        jdbc.sql("""
                        update engagement_message set status = 'SENT', sent_at = :at, attempts = 1
                         where occasion_key = :k""").param("at", sent).param("k", "campaign:" + campaign.id()).update();
        long parked = customers.get(39);
        jdbc.sql("update engagement_message set status = 'PARKED', sent_at = null where idempotency_key = :k")
                .param("k", "campaign:" + campaign.id() + ":c" + parked).update();
        long home = book.product("家财险", "Home", "HOME_PROPERTY", null);
        long motor = book.product("车险", "Motor", "MOTOR", null);
        LocalDate start = LocalDate.now(clock).minusDays(30);
        // responders: customers 0-5 bought home insurance 1..29 days after the message
        for (int i = 0; i < 6; i++) {
            policyCreated(book.policy(customers.get(i), home, "ACTIVE", start, start.plusYears(1), "800"), sent.plusDays(1 + i * 5));
        }
        long late = book.policy(customers.get(6), home, "ACTIVE", start, start.plusYears(1), "800");
        policyCreated(late, sent.plusDays(31));
        long before = book.policy(customers.get(7), home, "ACTIVE", start, start.plusYears(1), "800");
        policyCreated(before, sent.minusDays(1));
        long otherLine = book.policy(customers.get(8), motor, "ACTIVE", start, start.plusYears(1), "800");
        policyCreated(otherLine, sent.plusDays(2));
        long old = book.policy(customers.get(9), home, "EXPIRED", start.minusYears(1), start, "800");
        policyCreated(old, sent.minusDays(300));
        long renewal = book.policy(customers.get(9), customers.get(9), home, "ACTIVE", start, start.plusYears(1), "800", old);
        policyCreated(renewal, sent.plusDays(3));
        policyCreated(book.policy(parked, home, "ACTIVE", start, start.plusYears(1), "800"), sent.plusDays(2));

        CampaignResults results = campaigns.results(campaign.id(), DataScope.all());
        assertThat(results.audience()).isEqualTo(40);
        List<String> variantOf = customers.stream().map(c -> CampaignSplit.variantOf(campaign.id(), c, campaign.variants())).toList();
        for (CampaignResults.VariantResult v : results.variants()) {
            int members = (int) variantOf.stream().filter(v.label()::equals).count();
            int failed = variantOf.get(39).equals(v.label()) ? 1 : 0;
            int responders = (int) java.util.stream.IntStream.range(0, 6).filter(i -> variantOf.get(i).equals(v.label())).count();
            assertThat(v.queued()).as(v.label()).isEqualTo(members);
            assertThat(v.delivered()).as(v.label()).isEqualTo(members - failed);
            assertThat(v.failed()).as(v.label()).isEqualTo(failed);
            assertThat(v.pending()).isZero();
            assertThat(v.responders()).as(v.label()).isEqualTo(responders);
            assertThat(v.responseRate()).isEqualTo((double) responders / (members - failed));
        }
        CampaignResults.VariantResult a = results.variants().get(0);
        CampaignResults.VariantResult b = results.variants().get(1);
        assertThat(b.versusFirst()).isEqualTo(Significance.of(a.responders(), a.delivered(), b.responders(), b.delivered()));
        assertThat(a.versusFirst()).isNull();

        assertThat(campaigns.completeFinished()).isPositive();
        assertThat(campaigns.find(campaign.id(), DataScope.all()).status()).isEqualTo(CampaignStatus.DONE);
        assertThatThrownBy(() -> campaigns.cancel(campaign.id(), "admin", DataScope.all())).isInstanceOf(EngagementRefused.class);
    }

    void policyCreated(long policy, OffsetDateTime at) {
        jdbc.sql("update policy set created_at = :at where id = :id").param("at", at).param("id", policy).update();
    }

    @Test
    @Transactional // the score run would otherwise be the latest for every later cross-sell test: rolled back
    void aTargetListCampaignTakesTheBestNOfTheLatestScoresInTheScope() {
        book = new BookFixtures(jdbc);
        long branch = book.branch("33");
        long agent = book.agent(branch);
        long run = jdbc.sql("""
                        insert into crosssell_score_run (model_version, lines, scored_at, customers, took_ms)
                        values (1, array['HOME_PROPERTY','MEDICAL'], now(), 5, 1) returning id""").query(Long.class).single();
        // a run's scores are a partition of their own (crosssell V72); created in this transaction, rolled back with it
        jdbc.sql("create table crosssell_score_r" + run + " partition of crosssell_score for values in (" + run + ")").update();
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long c = customer(agent, "名单客户" + i);
            consent(c, "MARKETING", true);
            customers.add(c);
            jdbc.sql("insert into crosssell_score (customer_id, run_id, scores, holds) values (:c, :run, cast(:s as real[]), 0)")
                    .param("c", c).param("run", run).param("s", "{" + (0.1 * (i + 1)) + ",0.5}").update();
        }
        Campaign campaign = campaigns.create(draft(CampaignAudience.Kind.TARGET_LIST, null, "HOME_PROPERTY", 3, Channel.SMS),
                "manager", DataScope.branch(branch));
        CampaignPreview preview = campaigns.preview(campaign.id(), DataScope.branch(branch));
        assertThat(preview.audience()).isEqualTo(3);
        assertThat(campaigns.launch(campaign.id(), "manager", DataScope.branch(branch)).queued()).isEqualTo(3);
        assertThat(jdbc.sql("select customer_id from engagement_campaign_recipient where campaign_id = :id order by customer_id")
                .param("id", campaign.id()).query(Long.class).list()).containsExactly(customers.get(2), customers.get(3), customers.get(4));
    }

    @Test
    void aCancelledRunningCampaignSuppressesWhatIsStillQueuedAndAScheduledOneLaunchesOnTime() {
        book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        String segment = "CAMPX" + BookFixtures.next();
        for (int i = 0; i < 4; i++) {
            long c = customer(agent, "取消客户" + i);
            consent(c, "MARKETING", true);
            segment(c, segment);
        }
        Campaign running = campaigns.create(draft(CampaignAudience.Kind.SEGMENT, "VALUE", segment, null, Channel.SMS), "admin", DataScope.all());
        campaigns.launch(running.id(), "admin", DataScope.all());
        assertThat(campaigns.cancel(running.id(), "admin", DataScope.all()).status()).isEqualTo(CampaignStatus.CANCELLED);
        assertThat(jdbc.sql("select distinct status || ' ' || last_error from engagement_message where occasion_key = :k")
                .param("k", "campaign:" + running.id()).query(String.class).list())
                .containsExactly("SUPPRESSED campaign " + running.id() + " cancelled");

        Campaign scheduled = campaigns.create(draft(CampaignAudience.Kind.SEGMENT, "VALUE", segment, null, Channel.PUSH), "admin", DataScope.all());
        assertThatThrownBy(() -> campaigns.schedule(scheduled.id(), clock.instant().minusSeconds(60), "admin", DataScope.all()))
                .isInstanceOfSatisfying(EngagementRefused.class, e -> assertThat(e.problems()).extracting(RuleProblem::field)
                        .containsExactly("scheduledAt"));
        campaigns.schedule(scheduled.id(), clock.instant().plus(Duration.ofHours(1)), "admin", DataScope.all());
        assertThat(campaigns.find(scheduled.id(), DataScope.all()).status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThatThrownBy(() -> campaigns.update(scheduled.id(), draft(CampaignAudience.Kind.SEGMENT, "VALUE", segment, null,
                Channel.SMS), "admin", DataScope.all())).isInstanceOf(EngagementRefused.class);
        campaigns.launchDue();
        assertThat(campaigns.find(scheduled.id(), DataScope.all()).status()).as("not yet due").isEqualTo(CampaignStatus.SCHEDULED);
        // the hour passes
        jdbc.sql("update engagement_campaign set scheduled_at = scheduled_at - interval '2 hours' where id = :id")
                .param("id", scheduled.id()).update();
        assertThat(campaigns.launchDue()).isGreaterThanOrEqualTo(1);
        assertThat(campaigns.find(scheduled.id(), DataScope.all()).status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(jdbc.sql("select count(*) from engagement_message where occasion_key = :k").param("k", "campaign:" + scheduled.id())
                .query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void templatesThatACampaignCannotFillAreRefusedNamingTheVariant() {
        CampaignDraft renewal = new CampaignDraft("错误模板", null, Channel.SMS, CampaignAudience.Kind.SEGMENT, "VALUE", "HIGH", null,
                List.of(new CampaignDraft.VariantDraft("RENEWAL_REMINDER", 50), new CampaignDraft.VariantDraft("NO_SUCH", 50)),
                "HOME_PROPERTY", 30);
        assertThat(campaigns.problems(renewal)).extracting(RuleProblem::field, RuleProblem::code).contains(
                org.assertj.core.groups.Tuple.tuple("variants[0].templateCode", "engagement.campaign.variable"),
                org.assertj.core.groups.Tuple.tuple("variants[1].templateCode", "engagement.template.notFound"));
        assertThat(campaigns.problems(renewal)).anySatisfy(p -> assertThat(p.arguments()).contains("policyNumber", "zh-CN"));
    }
}
