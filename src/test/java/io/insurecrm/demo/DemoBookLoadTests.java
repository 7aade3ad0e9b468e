package io.insurecrm.demo;

import io.insurecrm.demo.book.BookTable;
import io.insurecrm.demo.load.BookLoadFailed;
import io.insurecrm.customer.IdNumberProtection;
import io.insurecrm.demo.load.BookLoader;
import io.insurecrm.demo.load.BookLoader.LoadResult;
import io.insurecrm.organisation.StaffUsers;
import io.insurecrm.platform.security.Role;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Loads small books into the test database (embedded, or CRM_TEST_DATABASE_URL). The book tables are emptied before
 * and after each test, so the test neither depends on nor leaves rows for others.
 */
@SpringBootTest
class DemoBookLoadTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoBook book;
    @Autowired
    DemoStaff staff;
    @Autowired
    StaffUsers staffUsers;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    IdNumberProtection idNumbers;
    @Autowired
    io.insurecrm.platform.crypto.FieldCipher cipher;

    @BeforeEach
    @AfterEach
    void emptyTheBook() {
        book.empty();
    }

    LoadResult load(int customers) {
        return new BookLoader(dataSource, idNumbers::seal).load(20261122, customers, TODAY);
    }

    long count(BookTable table) {
        return jdbc.sql("select count(*) from " + table.tableName()).query(Long.class).single();
    }

    List<String> foreignKeys() {
        return jdbc.sql("""
                select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated
                from pg_constraint
                where contype = 'f'
                order by 1
                """).query(String.class).list();
    }

    List<String> indexes() {
        return jdbc.sql("select indexdef from pg_indexes where schemaname = current_schema() order by indexname")
                .query(String.class).list();
    }

    /** The loader's yardstick (bench/load-book.sh) copies every table of a book into plain copies of the tables. */
    @Test
    void thePlainCopyYardstickCopiesEveryTable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        io.insurecrm.demo.load.PlainCopyBenchmark.Result result = new io.insurecrm.demo.load.PlainCopyBenchmark(dataSource)
                .run(io.insurecrm.demo.book.BookSpec.of(7, 300, TODAY), dir);
        assertThat(result.counts().rows().get(BookTable.CLAIM_STATUS_CHANGE)).isPositive();
        assertThat(result.counts().total()).isGreaterThan(300);
        assertThat(jdbc.sql("select count(*) from pg_namespace where nspname = 'bench_plain_copy'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void loadsEveryRowWithTheDatabaseCheckingEveryConstraint() {
        List<String> foreignKeysBefore = foreignKeys();
        List<String> indexesBefore = indexes();

        LoadResult result = load(300);

        assertThat(foreignKeys()).as("the load puts back every foreign key it set aside, validated").isEqualTo(foreignKeysBefore)
                .anyMatch(fk -> fk.startsWith("policy ") && fk.contains("REFERENCES customer(id)"));
        assertThat(indexes()).as("and every index").isEqualTo(indexesBefore)
                .anyMatch(index -> index.contains("customer_id_number_bidx_uq"));

        assertThat(result.counts().of(BookTable.CUSTOMER)).isEqualTo(300);
        for (BookTable table : BookTable.values()) {
            assertThat(count(table)).as(table.tableName()).isEqualTo(result.counts().of(table)).isPositive();
        }
        assertThat(jdbc.sql("select count(distinct region_code) from branch").query(Long.class).single()).isEqualTo(31);
    }

    @Test
    void theDemoBookSealsClaimDescriptionsNotesAndInteractionOutcomesBeforeTheCopy() {
        book.load(20261122, 300);

        assertThat(jdbc.sql("select count(*) from claim where description is not null").query(Long.class).single())
                .isPositive();
        assertThat(jdbc.sql("""
                select (select count(*) from claim where description is not null and description not like 'v1:%')
                     + (select count(*) from claim_status_change where note is not null and note not like 'v1:%')""")
                .query(Long.class).single()).as("no claim text in the clear").isZero();
        assertThat(jdbc.sql("select count(*) from interaction where outcome is not null").query(Long.class).single())
                .isPositive();
        assertThat(jdbc.sql("select count(*) from interaction where outcome is not null and outcome not like 'v1:%'")
                .query(Long.class).single()).as("no interaction outcome in the clear").isZero();
        assertThat(jdbc.sql("select outcome from interaction order by id limit 20").query(String.class).list())
                .extracting(cipher::open).allSatisfy(text -> assertThat(text).isNotBlank().doesNotStartWith("v1:"));
        assertThat(jdbc.sql("select description from claim order by id limit 20").query(String.class).list())
                .extracting(cipher::open).allSatisfy(text -> assertThat(text).isNotBlank().doesNotStartWith("v1:"));
        assertThat(jdbc.sql("select count(*) = count(distinct id) from claim_status_change").query(Boolean.class).single())
                .as("every history row has its own id for the re-encryption batch").isTrue();
    }

    @Test
    void movesEverySequencePastTheLoadedIds() {
        load(300);

        long maxBranch = jdbc.sql("select max(id) from branch").query(Long.class).single();
        long branch = jdbc.sql("insert into branch (code, name, region_code, city) values ('T-1', '测试分公司', '44', '广州市') returning id")
                .query(Long.class).single();
        long maxHousehold = jdbc.sql("select max(id) from household").query(Long.class).single();
        long household = jdbc.sql("insert into household (name, created_at) values ('测试家庭', now()) returning id")
                .query(Long.class).single();
        long maxInteraction = jdbc.sql("select max(id) from interaction").query(Long.class).single();
        long interaction = jdbc.sql("""
                insert into interaction (customer_id, type, channel, occurred_at)
                values ((select min(id) from customer), 'CONSULTATION', 'PHONE', now()) returning id
                """).query(Long.class).single();

        assertThat(branch).isGreaterThan(maxBranch);
        assertThat(household).isGreaterThan(maxHousehold);
        assertThat(interaction).isGreaterThan(maxInteraction);
    }

    @Test
    void everyCustomerConsentedToServiceAndSomeToMore() {
        load(300);

        var shares = jdbc.sql("""
                select purpose, count(*) as n from consent
                where customer_id in (select id from customer) and granted group by purpose""")
                .query((rs, n) -> java.util.Map.entry(rs.getString("purpose"), rs.getLong("n"))).list();
        var byPurpose = new java.util.HashMap<String, Long>();
        shares.forEach(e -> byPurpose.put(e.getKey(), e.getValue()));
        assertThat(byPurpose.get("SERVICE")).isEqualTo(300L);
        assertThat(byPurpose.get("MARKETING")).isBetween(150L, 210L);
        assertThat(byPurpose.get("ANALYTICS")).isBetween(180L, 240L);
        assertThat(byPurpose.get("SENSITIVE_DATA")).isBetween(60L, 120L);
    }

    @Test
    void theProvincesClimatesAreTheRegionTables() {
        load(300);

        List<String> mismatches = jdbc.sql("""
                select c.region_code
                from customer c join region r on r.code = c.region_code
                group by c.region_code
                having count(distinct r.climate) <> 1
                """).query(String.class).list();
        Map<String, String> climates = jdbc.sql("select code, climate from region").query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(mismatches).isEmpty();
        assertThat(climates).containsEntry("44", "TYPHOON_COAST").containsEntry("23", "COLD_NORTH").containsEntry("51", "RAINY_SOUTH");
        io.insurecrm.demo.book.ProvinceClimates.assertSameAs(climates);
    }

    /** 客均合同 = active contracts ÷ customers holding at least one, by the life stage of the holder's household. */
    @Test
    void contractsPerCustomerDifferBetweenLifeStages() {
        load(2_000);

        Map<String, Double> perStage = jdbc.sql("""
                with heads as (
                    select hm.household_id, hm.customer_id, c.birth_date,
                           count(*) over (partition by hm.household_id) as members
                    from household_member hm
                    join customer c on c.id = hm.customer_id
                ), stage as (
                    select h.customer_id,
                           case when exists (select 1 from household_member p
                                             where p.household_id = h.household_id and p.relationship = 'PARENT')
                                     then 'SANDWICH'
                                when h.members = 1 and h.birth_date > :today - interval '35 years'
                                     then 'YOUNG_SINGLE'
                           end as stage
                    from heads h
                    join household_member self on self.household_id = h.household_id
                                              and self.customer_id = h.customer_id and self.relationship = 'SELF'
                ), active as (
                    select holder_id, count(*) as contracts
                    from policy
                    where status = 'ACTIVE'
                    group by holder_id
                )
                select s.stage, sum(a.contracts)::float8 / count(*) as contracts_per_customer
                from stage s
                join active a on a.holder_id = s.customer_id
                where s.stage is not null
                group by s.stage
                """).param("today", TODAY)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getDouble(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(perStage).containsOnlyKeys("SANDWICH", "YOUNG_SINGLE");
        assertThat(perStage.get("YOUNG_SINGLE")).isBetween(1.0, 1.6);
        assertThat(perStage.get("SANDWICH")).isBetween(3.0, 6.0);
    }

    @Test
    void aFailureHalfwayLeavesNothingBehind() {
        List<String> foreignKeysBefore = foreignKeys();
        List<String> indexesBefore = indexes();
        jdbc.sql("alter table claim add constraint demo_test_no_claims check (amount_claimed < 0) not valid").update();
        try {
            assertThatExceptionOfType(BookLoadFailed.class).isThrownBy(() -> load(3_000));
        } finally {
            jdbc.sql("alter table claim drop constraint demo_test_no_claims").update();
        }
        for (BookTable table : BookTable.values()) {
            assertThat(count(table)).as(table.tableName()).isZero();
        }
        assertThat(foreignKeys()).isEqualTo(foreignKeysBefore);
        assertThat(indexes()).isEqualTo(indexesBefore);
    }

    @Test
    void demoSignInsCoverEveryRoleAndTheAgentHasCustomers() {
        load(300);

        List<DemoStaff.Login> logins = staff.ensure();
        staff.ensure();

        assertThat(logins).extracting(DemoStaff.Login::role).containsExactly(Role.ADMIN, Role.ANALYST, Role.COMPLIANCE,
                Role.BRANCH_MANAGER, Role.AGENT, Role.ADVISOR);
        assertThat(jdbc.sql("select count(*) from staff_user").query(Long.class).single()).isEqualTo(6);
        var agent = staffUsers.findByUsername("agent").orElseThrow();
        assertThat(passwordEncoder.matches(DemoStaff.PASSWORD, agent.getPasswordHash())).isTrue();
        assertThat(jdbc.sql("select count(*) from customer where agent_id = :agent").param("agent", agent.getAgentId())
                .query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select kind from agent where id = (select agent_id from staff_user where username = 'advisor')")
                .query(String.class).single()).isEqualTo("ADVISOR");
        assertThat(jdbc.sql("select b.name from branch b join staff_user u on u.branch_id = b.id where u.username = 'manager'")
                .query(String.class).single()).isEqualTo("广东分公司");
    }

    @Autowired
    DemoLoyalty loyalty;
    @Autowired
    io.insurecrm.loyalty.ProgrammeQueries programme;

    @Test
    void theDemoLaunchesTheLoyaltyProgrammeWithPointsAndRedemptionsSoTheDashboardHasFigures() {
        load(3_000);

        long start = System.nanoTime();
        Map<String, Integer> rows = loyalty.generate(TODAY);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(rows.get("members")).isPositive();
        assertThat(rows).as("rows per kind, written in %d ms", millis).allSatisfy((kind, n) -> assertThat(n).as(kind).isPositive());
        assertThat(jdbc.sql("select count(*) from loyalty_points_entry where kind = 'EXPIRE'").query(Long.class).single())
                .isEqualTo(rows.get("expired").longValue());
        assertThat(jdbc.sql("""
                        select count(*) from loyalty_points_balance b
                          left join (select customer_id, sum(points) as total, sum(coalesce(remaining, 0)) as lots
                                       from loyalty_points_entry group by customer_id) l using (customer_id)
                         where b.balance <> coalesce(l.total, 0) or b.balance <> coalesce(l.lots, 0)""")
                .query(Long.class).single()).as("balances equal the ledger and the lots").isZero();
        assertThat(jdbc.sql("select count(*) from loyalty_entitlement where quota is not null and used > quota")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from loyalty_entitlement e
                         where e.used <> (select count(*) from loyalty_redemption r where r.entitlement_id = e.id)""")
                .query(Long.class).single()).as("every use is a recorded redemption").isZero();

        var figures = programme.figures(io.insurecrm.platform.security.DataScope.all());
        assertThat(figures.benefits()).anySatisfy(u -> assertThat(u.rate()).isNotNull().isPositive());
        assertThat(figures.benefits()).anySatisfy(u -> assertThat(u.lowUsage()).isTrue());
        assertThat(figures.satisfaction()).isNotEmpty();
    }
}
