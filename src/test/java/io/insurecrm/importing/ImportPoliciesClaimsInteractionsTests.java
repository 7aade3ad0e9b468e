package io.insurecrm.importing;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.platform.security.DataScope;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Policy, claim and interaction imports against PostgreSQL, committing for real in chunks of 2 rows. */
@SpringBootTest(properties = "crm.import.chunk-size=2")
class ImportPoliciesClaimsInteractionsTests {

    static final String POLICY_HEADER = "保单号,客户编号,投保人身份证号,产品代码,保费,缴费频率,保额,生效日期,满期日期,保单状态,失效日期,代理人工号\n";

    @Autowired
    ImportManagement imports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    io.insurecrm.platform.crypto.FieldCipher cipher;

    BookFixtures book;
    long agent;
    String agentCode;
    long holder;
    String holderIdNumber;
    String productCode;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        agent = book.agent(book.branch("33"));
        agentCode = jdbc.sql("select code from agent where id = :id").param("id", agent).query(String.class).single();
        holder = book.individual("投保人", agent);
        holderIdNumber = jdbc.sql("select id_number from customer where id = :id").param("id", holder)
                .query(String.class).single();
        long product = book.product("测试重疾", "Test CI", "CRITICAL_ILLNESS", "ADVANCED");
        productCode = jdbc.sql("select code from product where id = :id").param("id", product).query(String.class).single();
    }

    @AfterEach
    void noCrash() {
        imports.onChunkApplied(null);
    }

    private ImportJob upload(String profile, String csv, Charset charset) {
        return imports.upload(profile + ".csv", new ByteArrayInputStream(csv.getBytes(charset)), profile, "AUTO",
                ImportRequester.commandLine());
    }

    private String policyRow(String number, String customer, String idNumber, String product, String premium,
                             String frequency, String start, String end, String status, String terminated) {
        return String.join(",", number, customer, idNumber, product, premium, frequency, "500000", start, end, status,
                terminated, agentCode) + "\n";
    }

    @Test
    void policiesAreCheckedClassifiedCommittedAndIdempotentByPolicyNumber() {
        String p1 = BookFixtures.unique("IMP-P");
        String p2 = BookFixtures.unique("IMP-P");
        String p3 = BookFixtures.unique("IMP-P");
        String seed = POLICY_HEADER + policyRow(p1, String.valueOf(holder), "", productCode, "1200", "年缴", "2025-01-01", "", "有效", "")
                + policyRow(p2, "", holderIdNumber, productCode, "100", "月缴", "2025/2/1", "2026-02-01", "ACTIVE", "");
        ImportJob first = upload("policies", seed, Charset.forName("GBK"));
        assertThat(first.status()).isEqualTo(ImportStatus.VALIDATED);
        assertThat(first.encoding()).isEqualTo("GBK");
        assertThat(first.rowsToCreate()).isEqualTo(2);
        imports.commit(first.id(), DataScope.all());
        assertThat(jdbc.sql("select annual_premium from policy where policy_number = :n").param("n", p2)
                .query(BigDecimal.class).single()).isEqualByComparingTo("1200");
        // the end date defaults to start + the product's term (12 months)
        assertThat(jdbc.sql("select end_date from policy where policy_number = :n").param("n", p1)
                .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(jdbc.sql("select insured_id from policy where policy_number = :n").param("n", p1)
                .query(Long.class).single()).isEqualTo(holder);

        String orphanId = BookFixtures.idNumber("33", LocalDate.of(1970, 7, 7), false);
        String csv = POLICY_HEADER
                + policyRow(p1, String.valueOf(holder), "", productCode, "1200", "年缴", "2025-01-01", "", "有效", "")      // 2 unchanged
                + policyRow(p2, "", holderIdNumber, productCode, "100", "月缴", "2025/2/1", "2026-02-01", "失效", "2025-06-01") // 3 update
                + policyRow(p3, String.valueOf(holder), "", productCode, "50", "", "2025-03-01", "", "", "")              // 4 create
                + policyRow(BookFixtures.unique("IMP-P"), "", orphanId, productCode, "1", "", "2025-01-01", "", "", "")    // 5 orphan
                + policyRow(BookFixtures.unique("IMP-P"), String.valueOf(holder), "", "NO-SUCH", "1", "", "2025-01-01", "", "", "") // 6
                + policyRow(BookFixtures.unique("IMP-P"), String.valueOf(holder), "", productCode, "-5", "", "2025-01-01", "", "", "") // 7
                + policyRow(BookFixtures.unique("IMP-P"), String.valueOf(holder), "", productCode, "5", "", "2025-01-01", "2024-01-01", "", "") // 8
                + policyRow(p3, String.valueOf(holder), "", productCode, "50", "", "2025-03-01", "", "", "")              // 9 dup of 4
                + policyRow(BookFixtures.unique("IMP-P"), "", holderIdNumber, productCode, "5", "", "2025-01-01", "", "失效", ""); // 10
        ImportJob job = upload("policies", csv, StandardCharsets.UTF_8);
        assertThat(job.rowsTotal()).isEqualTo(9);
        assertThat(job.rowsUnchanged()).isEqualTo(1);
        assertThat(job.rowsToUpdate()).isEqualTo(1);
        assertThat(job.rowsToCreate()).isEqualTo(1);
        assertThat(job.rowsInvalid()).isEqualTo(6);
        List<ImportRowError> errors = imports.errors(job.id(), 0, 50, DataScope.all()).content();
        assertThat(errors).extracting(ImportRowError::rowNumber, ImportRowError::column, ImportRowError::reasonKey)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(5, "客户编号", "import.error.customerUnknown"),
                        org.assertj.core.groups.Tuple.tuple(6, "产品代码", "import.error.productUnknown"),
                        org.assertj.core.groups.Tuple.tuple(7, "保费", "import.error.amount"),
                        org.assertj.core.groups.Tuple.tuple(8, "满期日期", "import.error.endBeforeStart"),
                        org.assertj.core.groups.Tuple.tuple(9, "保单号", "import.error.duplicateInFile"),
                        org.assertj.core.groups.Tuple.tuple(10, "失效日期", "import.error.terminatedOn"));
        assertThat(errors.stream().filter(e -> e.rowNumber() == 5).findFirst().orElseThrow().value())
                .as("error rows show the ID number masked (it is matched by its blind index, ADR 0004)")
                .isEqualTo(new io.insurecrm.customer.ChineseIdNumber(orphanId).masked());

        ImportJob done = imports.commit(job.id(), DataScope.all());
        assertThat(done.rowsCreated()).isEqualTo(1);
        assertThat(done.rowsUpdated()).isEqualTo(1);
        assertThat(jdbc.sql("select status || ' ' || terminated_on from policy where policy_number = :n").param("n", p2)
                .query(String.class).single()).isEqualTo("LAPSED 2025-06-01");

        // the same file again changes nothing: no policy's version moves
        int versions = jdbc.sql("select sum(version) from policy where policy_number in (:n)").param("n", List.of(p1, p2, p3))
                .query(Integer.class).single();
        ImportJob again = upload("policies", csv, StandardCharsets.UTF_8);
        assertThat(again.rowsUnchanged()).isEqualTo(3);
        assertThat(again.rowsToCreate() + again.rowsToUpdate()).isZero();
        ImportJob againDone = imports.commit(again.id(), DataScope.all());
        assertThat(againDone.rowsCreated() + againDone.rowsUpdated()).isZero();
        assertThat(jdbc.sql("select sum(version) from policy where policy_number in (:n)").param("n", List.of(p1, p2, p3))
                .query(Integer.class).single()).isEqualTo(versions);
    }

    @Test
    void aPolicyImportKilledInAChunkResumesAndAppliesEveryRowOnce() {
        StringBuilder csv = new StringBuilder(POLICY_HEADER);
        for (int i = 0; i < 7; i++) {
            csv.append(policyRow(BookFixtures.unique("IMP-C"), String.valueOf(holder), "", productCode, "10", "", "2025-01-01", "", "", ""));
        }
        ImportJob job = upload("policies", csv.toString(), StandardCharsets.UTF_8);
        imports.onChunkApplied((id, chunk) -> {
            if (chunk == 2) {
                throw new IllegalStateException("simulated crash");
            }
        });
        assertThatThrownBy(() -> imports.commit(job.id(), DataScope.all())).hasMessageContaining("simulated crash");
        assertThat(imports.job(job.id(), DataScope.all()).status()).isEqualTo(ImportStatus.COMMITTING);
        // two workers: whatever else was committed, chunk 2 was not, and what is in policy is exactly the recorded chunks
        assertThat(jdbc.sql("select count(*) from import_chunk where job_id = :job and chunk_no = 2").param("job", job.id())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from policy where holder_id = :h").param("h", holder).query(Long.class).single())
                .isEqualTo(jdbc.sql("select coalesce(sum(rows_created), 0) from import_chunk where job_id = :job")
                        .param("job", job.id()).query(Long.class).single());
        imports.onChunkApplied(null);
        ImportJob resumed = imports.commit(job.id(), DataScope.all());
        assertThat(resumed.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(resumed.rowsCreated()).isEqualTo(7);
        assertThat(jdbc.sql("select count(*) from policy where holder_id = :h").param("h", holder).query(Long.class).single())
                .isEqualTo(7);
    }

    @Test
    void importedPoliciesCarryTheResolvedReferencesMarkTheirCustomersForSegmentationAndANumberIssuedSinceTheDryRunIsUpdated() {
        String p1 = BookFixtures.unique("IMP-N");
        String p2 = BookFixtures.unique("IMP-N");
        String p3 = BookFixtures.unique("IMP-N");
        long insured = book.individual("被保险人", agent);
        String csv = "保单号,客户编号,被保险人客户编号,产品代码,保费,缴费频率,保额,生效日期,满期日期,保单状态,失效日期,代理人工号\n"
                + String.join(",", p1, String.valueOf(holder), String.valueOf(insured), productCode, "10", "月缴", "500000",
                        "2025-01-01", "", "有效", "", agentCode) + "\n"
                + String.join(",", p2, String.valueOf(holder), "", productCode, "20", "", "500000",
                        "2025-01-01", "2026-01-01", "失效", "2025-06-01", agentCode) + "\n"
                + String.join(",", p3, String.valueOf(holder), "", productCode, "30", "", "500000",
                        "2025-01-01", "", "", "", agentCode) + "\n";
        ImportJob job = upload("policies", csv, StandardCharsets.UTF_8);
        assertThat(job.rowsToCreate()).isEqualTo(3);
        // between the dry run and the commit someone issues a policy with the number of the file's second row (chunk 0)
        long product = jdbc.sql("select id from product where code = :c").param("c", productCode).query(Long.class).single();
        long issued = book.policy(holder, product, "ACTIVE", LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1), "999");
        jdbc.sql("update policy set policy_number = :n where id = :id").param("n", p2).param("id", issued).update();
        long holderMarks = jdbc.sql("select count(*) from segment_dirty where customer_id = :c").param("c", holder)
                .query(Long.class).single();
        long insuredMarks = jdbc.sql("select count(*) from segment_dirty where customer_id = :c").param("c", insured)
                .query(Long.class).single();

        ImportJob done = imports.commit(job.id(), DataScope.all());

        assertThat(done.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(done.rowsCreated()).isEqualTo(2);
        assertThat(done.rowsUpdated()).as("the policy issued meanwhile takes the file's values").isEqualTo(1);
        assertThat(jdbc.sql("select id || ' ' || premium || ' ' || status || ' ' || terminated_on || ' ' || version "
                        + "from policy where policy_number = :n").param("n", p2).query(String.class).single())
                .isEqualTo(issued + " 20.00 LAPSED 2025-06-01 1");
        // the written rows carry the resolved references, the derived annual premium and end date
        assertThat(jdbc.sql("""
                        select holder_id || ' ' || insured_id || ' ' || product_id || ' ' || annual_premium || ' ' || end_date
                               || ' ' || payment_frequency || ' ' || channel || ' ' || agent_id || ' ' || version
                          from policy where policy_number = :n""").param("n", p1).query(String.class).single())
                .isEqualTo(holder + " " + insured + " " + product + " 120.00 2026-01-01 MONTHLY AGENT " + agent + " 0");
        assertThat(jdbc.sql("select count(*) from policy where policy_number in (:n)").param("n", List.of(p1, p2, p3))
                .query(Long.class).single()).isEqualTo(3);
        // the segmentation dirty-mark trigger (V44) marks holder and insured of the imported policies
        assertThat(jdbc.sql("select count(*) from segment_dirty where customer_id = :c").param("c", holder)
                .query(Long.class).single()).isGreaterThan(holderMarks);
        assertThat(jdbc.sql("select count(*) from segment_dirty where customer_id = :c").param("c", insured)
                .query(Long.class).single()).isGreaterThan(insuredMarks);
        // the audit names the customers whose policies the job wrote, holder and insured, once each per chunk
        assertThat(jdbc.sql("""
                        select customer_id from audit_event
                         where action = 'IMPORT' and customer_id is not null and reason like :job order by customer_id""")
                .param("job", "import job " + job.id() + " (%").query(Long.class).list())
                .containsExactlyInAnyOrder(holder, insured, holder);
        assertThat(jdbc.sql("select reason from audit_event where action = 'IMPORT' and customer_id = :c and reason like :job")
                .param("c", insured).param("job", "import job " + job.id() + " (%").query(String.class).single())
                .isEqualTo("import job " + job.id() + " (policies.csv, POLICY), chunk 1: policies written (holder or insured)");
    }

    @Test
    void twoWorkersCommitPolicyChunksAtOnceEachInItsOwnTransactionAndEveryRowExactlyOnce() {
        StringBuilder csv = new StringBuilder(POLICY_HEADER);
        for (int i = 0; i < 6; i++) {
            csv.append(policyRow(BookFixtures.unique("IMP-W"), String.valueOf(holder), "", productCode, "10", "", "2025-01-01", "", "", ""));
        }
        ImportJob job = upload("policies", csv.toString(), StandardCharsets.UTF_8);
        assertThat(job.chunksTotal()).isEqualTo(3);
        // chunks 0 and 1 each wait inside their transaction until the other has been applied too: with one worker the
        // second never would be, and the wait would time out
        java.util.concurrent.CountDownLatch inFlight = new java.util.concurrent.CountDownLatch(2);
        java.util.Set<String> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean together = new java.util.concurrent.atomic.AtomicBoolean(true);
        imports.onChunkApplied((id, chunk) -> {
            if (id == job.id() && chunk < 2) {
                workers.add(Thread.currentThread().getName());
                inFlight.countDown();
                try {
                    together.compareAndSet(true, inFlight.await(30, java.util.concurrent.TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        ImportJob done = imports.commit(job.id(), DataScope.all());

        assertThat(together).as("chunks 0 and 1 were applied at the same time").isTrue();
        assertThat(workers).hasSize(2);
        assertThat(done.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(done.rowsCreated()).isEqualTo(6);
        assertThat(done.chunksDone()).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from policy where policy_number like 'IMP-W%' and holder_id = :h")
                .param("h", holder).query(Long.class).single()).isEqualTo(6);
        assertThat(jdbc.sql("select sum(rows_created) from import_chunk where job_id = :job").param("job", job.id())
                .query(Long.class).single()).isEqualTo(6);
    }

    @Test
    void aCommitWhoseStagedRowsWereLostFailsInsteadOfFinishingWithoutThemAndTheFileCanBeUploadedAgain() {
        StringBuilder csv = new StringBuilder(POLICY_HEADER);
        for (int i = 0; i < 5; i++) {
            csv.append(policyRow(BookFixtures.unique("IMP-L"), String.valueOf(holder), "", productCode, "10", "", "2025-01-01", "", "", ""));
        }
        ImportJob job = upload("policies", csv.toString(), StandardCharsets.UTF_8);
        assertThat(job.rowsToCreate()).isEqualTo(5);
        // what a crash of the database server does to the unlogged staging table (here to part of it)
        jdbc.sql("delete from import_staged_policy where job_id = :job and row_number > 4").param("job", job.id()).update();

        assertThatThrownBy(() -> imports.commit(job.id(), DataScope.all())).hasMessageContaining("3 of its 5 staged rows");
        // it cannot finish: it fails (not a COMMITTING job nobody can resume or cancel), says why and what to do
        ImportJob failed = imports.job(job.id(), DataScope.all());
        assertThat(failed.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(failed.failure()).isEqualTo("import.commit.stagedRowsLost");
        assertThat(imports.failureText(failed, java.util.Locale.ENGLISH))
                .contains("The 0 chunk(s) already committed stay", "upload the same file again");
        assertThat(failed.rowsCreated()).isZero();
        assertThat(jdbc.sql("select count(*) from import_staged_policy where job_id = :job").param("job", job.id())
                .query(Long.class).single()).as("the rest of its staged rows are gone").isZero();
        assertThat(jdbc.sql("select count(*) from policy where policy_number like 'IMP-L%' and holder_id = :h")
                .param("h", holder).query(Long.class).single()).isZero();
        assertThatThrownBy(() -> imports.commit(job.id(), DataScope.all())).as("a failed job is finished")
                .isInstanceOf(RuntimeException.class);
        // the same file uploaded again is a new job that commits every row
        ImportJob again = upload("policies", csv.toString(), StandardCharsets.UTF_8);
        assertThat(imports.commit(again.id(), DataScope.all()).rowsCreated()).isEqualTo(5);
    }

    @Test
    void claimsReferencePoliciesByNumberAndRecordTheirStatusHistory() {
        long policy = book.policy(holder, jdbc.sql("select id from product where code = :c").param("c", productCode)
                .query(Long.class).single(), "ACTIVE", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), "1000");
        String policyNumber = book.policyNumber(policy);
        String c1 = BookFixtures.unique("IMP-CL");
        String header = "赔案号,保单号,出险日期,报案日期,结案日期,索赔金额,赔付金额,理赔状态\n";
        String first = header + String.join(",", c1, policyNumber, "2025-03-01", "2025-03-02", "", "800", "", "报案") + "\n"
                + String.join(",", BookFixtures.unique("IMP-CL"), "NO-SUCH-POLICY", "2025-03-01", "", "", "1", "", "") + "\n"
                + String.join(",", BookFixtures.unique("IMP-CL"), policyNumber, "2025-03-05", "2025-03-01", "", "1", "", "") + "\n";
        ImportJob job = upload("claims", first, StandardCharsets.UTF_8);
        assertThat(job.rowsToCreate()).isEqualTo(1);
        assertThat(job.rowsInvalid()).isEqualTo(2);
        assertThat(imports.errors(job.id(), 0, 10, DataScope.all()).content())
                .extracting(ImportRowError::rowNumber, ImportRowError::reasonKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "import.error.policyUnknown"),
                        org.assertj.core.groups.Tuple.tuple(4, "import.error.reportedBeforeIncident"));
        imports.commit(job.id(), DataScope.all());

        String paid = header + String.join(",", c1, policyNumber, "2025-03-01", "2025-03-02", "2025-04-01", "800", "750", "已赔付") + "\n";
        ImportJob update = upload("claims", paid, StandardCharsets.UTF_8);
        assertThat(update.rowsToUpdate()).isEqualTo(1);
        imports.commit(update.id(), DataScope.all());
        assertThat(jdbc.sql("""
                select string_agg(h.status, '>' order by h.seq) from claim_status_change h join claim c on c.id = h.claim_id
                 where c.claim_number = :n""").param("n", c1).query(String.class).single()).isEqualTo("REPORTED>PAID");
        assertThat(jdbc.sql("select customer_id from claim where claim_number = :n").param("n", c1).query(Long.class).single())
                .isEqualTo(holder);
        ImportJob again = upload("claims", paid, StandardCharsets.UTF_8);
        assertThat(again.rowsUnchanged()).isEqualTo(1);
    }

    @Test
    void anImportedDescriptionIsSealedBeforeItReachesSqlAndAnUnchangedOneLeavesTheClaimUnchanged() {
        long policy = book.policy(holder, jdbc.sql("select id from product where code = :c").param("c", productCode)
                .query(Long.class).single(), "ACTIVE", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), "1000");
        String number = BookFixtures.unique("IMP-CL");
        String header = "赔案号,保单号,出险日期,报案日期,结案日期,索赔金额,赔付金额,理赔状态,出险经过\n";
        String row = String.join(",", number, book.policyNumber(policy), "2025-03-01", "2025-03-02", "", "800", "", "报案");
        String file = header + row + ",肺炎住院治疗\n";
        ImportJob job = upload("claims", file, StandardCharsets.UTF_8);
        assertThat(jdbc.sql("select count(*) from import_staged_claim where job_id = :j and description like '%肺炎%'")
                .param("j", job.id()).query(Long.class).single()).as("the staged column is sealed").isZero();
        imports.commit(job.id(), DataScope.all());

        String stored = jdbc.sql("select description from claim where claim_number = :n").param("n", number)
                .query(String.class).single();
        assertThat(stored).startsWith("v1:" + cipher.activeKeyId() + ":").doesNotContain("肺炎");
        assertThat(cipher.open(stored)).isEqualTo("肺炎住院治疗");
        assertThat(jdbc.sql("select h.note from claim_status_change h join claim c on c.id = h.claim_id where c.claim_number = :n")
                .param("n", number).query(String.class).list())
                .singleElement().satisfies(note -> assertThat(note).startsWith("v1:"))
                .satisfies(note -> assertThat(cipher.open(note)).isEqualTo("import"));

        ImportJob same = upload("claims", file, StandardCharsets.UTF_8);
        assertThat(same.rowsUnchanged()).as("an equal text under another envelope is no change").isEqualTo(1);
        imports.commit(same.id(), DataScope.all());
        assertThat(jdbc.sql("select description from claim where claim_number = :n").param("n", number)
                .query(String.class).single()).as("the stored envelope is kept").isEqualTo(stored);

        ImportJob changed = upload("claims", header + row + ",肺炎住院治疗，出院复查\n", StandardCharsets.UTF_8);
        assertThat(changed.rowsToUpdate()).isEqualTo(1);
        imports.commit(changed.id(), DataScope.all());
        assertThat(cipher.open(jdbc.sql("select description from claim where claim_number = :n").param("n", number)
                .query(String.class).single())).isEqualTo("肺炎住院治疗，出院复查");
    }

    @Test
    void anImportedOutcomeIsSealedBeforeItReachesSqlAndAnUnchangedOneLeavesTheInteractionUnchanged() {
        String ext = BookFixtures.unique("EXT-SEAL");
        String header = "互动编号,客户编号,互动类型,渠道,发生时间,结果\n";
        String row = String.join(",", ext, String.valueOf(holder), "咨询", "电话", "2025-05-03 09:00");
        String file = header + row + ",客户父亲中风住院，咨询护理险\n";
        ImportJob job = upload("interactions", file, StandardCharsets.UTF_8);
        assertThat(jdbc.sql("select count(*) from import_staged_interaction where job_id = :j and outcome like '%中风%'")
                .param("j", job.id()).query(Long.class).single()).as("the staged column is sealed").isZero();
        imports.commit(job.id(), DataScope.all());

        String byExternalId = "select i.outcome from interaction i join import_interaction_key k on k.interaction_id = i.id "
                + "where k.external_id = :e";
        String stored = jdbc.sql(byExternalId).param("e", ext).query(String.class).single();
        assertThat(stored).startsWith("v1:" + cipher.activeKeyId() + ":").doesNotContain("中风");
        assertThat(cipher.open(stored)).isEqualTo("客户父亲中风住院，咨询护理险");

        ImportJob same = upload("interactions", file, StandardCharsets.UTF_8);
        assertThat(same.rowsUnchanged()).as("an equal text under another envelope is no change").isEqualTo(1);
        imports.commit(same.id(), DataScope.all());
        assertThat(jdbc.sql(byExternalId).param("e", ext).query(String.class).single()).as("the stored envelope is kept")
                .isEqualTo(stored);

        ImportJob changed = upload("interactions", header + row + ",客户父亲中风住院，已转介护理险\n", StandardCharsets.UTF_8);
        assertThat(changed.rowsToUpdate()).isEqualTo(1);
        imports.commit(changed.id(), DataScope.all());
        assertThat(cipher.open(jdbc.sql(byExternalId).param("e", ext).query(String.class).single()))
                .isEqualTo("客户父亲中风住院，已转介护理险");
    }

    @Test
    void interactionsAreIdempotentByTheirExternalId() {
        String ext = BookFixtures.unique("EXT");
        String header = "互动编号,客户编号,身份证号,互动类型,渠道,发生时间,结果,NPS\n";
        String csv = header + String.join(",", ext, String.valueOf(holder), "", "回访", "电话", "2025-05-01 10:30", "满意", "9") + "\n"
                + String.join(",", BookFixtures.unique("EXT"), "", holderIdNumber, "投诉", "微信", "2025-05-02 11:00", "", "") + "\n"
                + String.join(",", BookFixtures.unique("EXT"), "999999999", "", "咨询", "电话", "2025-05-02", "", "") + "\n"
                + String.join(",", BookFixtures.unique("EXT"), String.valueOf(holder), "", "咨询", "电话", "2025-05-02", "", "7") + "\n"
                + String.join(",", BookFixtures.unique("EXT"), String.valueOf(holder), "", "咨询", "电话", "昨天", "", "") + "\n";
        ImportJob job = upload("interactions", csv, StandardCharsets.UTF_8);
        assertThat(job.rowsToCreate()).isEqualTo(2);
        assertThat(imports.errors(job.id(), 0, 10, DataScope.all()).content())
                .extracting(ImportRowError::rowNumber, ImportRowError::reasonKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4, "import.error.customerUnknown"),
                        org.assertj.core.groups.Tuple.tuple(5, "import.error.npsOnlyForSurveys"),
                        org.assertj.core.groups.Tuple.tuple(6, "import.error.dateTime"));
        imports.commit(job.id(), DataScope.all());
        assertThat(jdbc.sql("select count(*) from interaction where customer_id = :c").param("c", holder)
                .query(Long.class).single()).isEqualTo(2);

        ImportJob again = upload("interactions", csv, StandardCharsets.UTF_8);
        assertThat(again.rowsUnchanged()).isEqualTo(2);
        imports.commit(again.id(), DataScope.all());
        String changed = header + String.join(",", ext, String.valueOf(holder), "", "回访", "电话", "2025-05-01 10:30", "满意", "10") + "\n";
        ImportJob update = upload("interactions", changed, StandardCharsets.UTF_8);
        assertThat(update.rowsToUpdate()).isEqualTo(1);
        imports.commit(update.id(), DataScope.all());
        assertThat(jdbc.sql("select count(*) from interaction where customer_id = :c").param("c", holder)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select i.nps_score from interaction i join import_interaction_key k on k.interaction_id = i.id "
                + "where k.external_id = :e").param("e", ext).query(Integer.class).single()).isEqualTo(10);
    }
}
