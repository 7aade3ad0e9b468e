package io.insurecrm.metrics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hand-made rows for SQL tests of the metrics module, written straight into the other modules' tables (the schema is
 * the contract). Starts from an empty book: call {@link #emptyBook()} inside the test's rolled-back transaction.
 */
final class MetricsFixtures {

    private final JdbcClient jdbc;
    private final AtomicInteger sequence = new AtomicInteger();

    MetricsFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void emptyBook() {
        jdbc.sql("truncate customer, household, policy, claim, interaction, agent, branch, staff_user, product, "
                + "contracts_per_customer_monthly restart identity cascade").update();
    }

    /**
     * An empty book whose ids go on from the sequences: for tests that list customers, since the audit commits its
     * listing rows on a connection of its own — with ids restarted, those rows would name ids that customers created
     * after the rollback get again.
     */
    void emptyBookKeepingIds() {
        jdbc.sql("truncate customer, household, policy, claim, interaction, agent, branch, staff_user, product, "
                + "contracts_per_customer_monthly cascade").update();
    }

    long branch(String code, String region) {
        return id("insert into branch (code, name, region_code, city) values (?, ?, ?, ?) returning id",
                code, "分公司" + code, region, "city");
    }

    long agent(String code, long branch) {
        return id("insert into agent (code, name, kind, branch_id) values (?, ?, 'AGENT', ?) returning id",
                code, "代理人" + code, branch);
    }

    long product(String code, String line, String layer) {
        return id("""
                insert into product (code, name_zh, name_en, line, layer, category) values (?, ?, ?, ?, ?, ?) returning id
                """, code, code, code, line, layer, layer == null ? "PROPERTY" : "LIFE_HEALTH");
    }

    /** An individual customer in a region, serviced by an agent and a branch. */
    long customer(String name, String region, long agent, long branch) {
        int n = sequence.incrementAndGet();
        return id("""
                insert into customer (kind, name, gender, birth_date, id_number, region_code, city, agent_id, branch_id,
                                      created_at, updated_at)
                values ('INDIVIDUAL', ?, 'MALE', date '1980-01-01', ?, ?, 'city', ?, ?, now(), now()) returning id
                """, name, "ID" + n, region, agent, branch);
    }

    /** An individual customer of the gender and birth date given. */
    long customer(String name, String region, long agent, long branch, boolean male, LocalDate born) {
        int n = sequence.incrementAndGet();
        return id("""
                insert into customer (kind, name, gender, birth_date, id_number, region_code, city, agent_id, branch_id,
                                      created_at, updated_at)
                values ('INDIVIDUAL', ?, ?, ?, ?, ?, 'city', ?, ?, now(), now()) returning id
                """, name, male ? "MALE" : "FEMALE", born, "ID" + n, region, agent, branch);
    }

    void consent(long customer, String purpose, boolean granted, String at) {
        jdbc.sql("""
                insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                values (?, ?, ?, 'PAPER_FORM', 'v1', ?, 'test')""")
                .params(customer, purpose, granted, java.time.OffsetDateTime.parse(at)).update();
    }

    void claim(long policy, long customer, String reportedOn) {
        int n = sequence.incrementAndGet();
        jdbc.sql("""
                insert into claim (claim_number, policy_id, customer_id, incident_date, reported_on, amount_claimed, status)
                values (?, ?, ?, ?, ?, 100, 'REPORTED')""")
                .params("C" + n, policy, customer, LocalDate.parse(reportedOn), LocalDate.parse(reportedOn)).update();
    }

    void segment(long customer, String dimension, String segment) {
        jdbc.sql("""
                insert into segment_placement (customer_id, dimension, segment, rule_set_id, reason, valid_from)
                select ?, ?, ?, id, 'test', date '2026-01-01' from segment_rule_set
                 where dimension = ? order by active desc, id limit 1""")
                .params(customer, dimension, segment, dimension).update();
    }

    void tag(long customer, String tag) {
        jdbc.sql("""
                insert into customer_tag (customer_id, tag_dimension, tag, source, note, created_by, created_at)
                values (?, 'VALUE', ?, 'MANUAL', 'test', 'test', now())""").params(customer, tag).update();
    }

    long household(String name, long head, Object... relationshipAndMember) {
        long household = id("insert into household (name, created_at) values (?, now()) returning id", name);
        member(household, head, "SELF");
        for (int i = 0; i < relationshipAndMember.length; i += 2) {
            member(household, ((Number) relationshipAndMember[i + 1]).longValue(), (String) relationshipAndMember[i]);
        }
        return household;
    }

    private void member(long household, long customer, String relationship) {
        jdbc.sql("insert into household_member (household_id, customer_id, relationship, joined_on) values (?, ?, ?, date '2020-01-01')")
                .params(household, customer, relationship).update();
    }

    PolicyBuilder policy(long holder, long product) {
        return new PolicyBuilder(holder, product);
    }

    final class PolicyBuilder {
        private final long holder;
        private final long product;
        private String channel = "AGENT";
        private Long agent;
        private Long branch;
        private LocalDate start;
        private LocalDate end;
        private String status = "ACTIVE";
        private LocalDate terminatedOn;

        private PolicyBuilder(long holder, long product) {
            this.holder = holder;
            this.product = product;
        }

        PolicyBuilder by(String channel, long agent, long branch) {
            this.channel = channel;
            this.agent = agent;
            this.branch = branch;
            return this;
        }

        PolicyBuilder from(String start, String end) {
            this.start = LocalDate.parse(start);
            this.end = LocalDate.parse(end);
            return this;
        }

        long active() {
            return insert();
        }

        long expired() {
            status = "EXPIRED";
            return insert();
        }

        long lapsed(String on) {
            status = "LAPSED";
            terminatedOn = LocalDate.parse(on);
            return insert();
        }

        long cancelled(String on) {
            status = "CANCELLED";
            terminatedOn = LocalDate.parse(on);
            return insert();
        }

        private long insert() {
            int n = sequence.incrementAndGet();
            return id("""
                    insert into policy (policy_number, holder_id, insured_id, product_id, premium, payment_frequency,
                                        annual_premium, sum_insured, start_date, end_date, status, terminated_on,
                                        channel, agent_id, branch_id, created_at)
                    values (?, ?, ?, ?, 1000, 'ANNUAL', 1000, 100000, ?, ?, ?, ?, ?, ?, ?, ?) returning id
                    """, "P" + n, holder, holder, product, start, end, status, terminatedOn, channel, agent, branch,
                    OffsetDateTime.now());
        }
    }

    private long id(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
