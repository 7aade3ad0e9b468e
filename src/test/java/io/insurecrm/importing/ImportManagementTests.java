package io.insurecrm.importing;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.importing.source.SourceFiles;
import io.insurecrm.platform.security.DataScope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The importer against PostgreSQL, committing for real (chunks of 2 rows so a few rows make several chunks). */
@SpringBootTest(properties = "crm.import.chunk-size=2")
class ImportManagementTests {

    static final String HEADER = "姓名,身份证号,手机号,省份,城市,代理人工号,户号,与户主关系\n";

    @Autowired
    ImportManagement imports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    io.insurecrm.customer.IdNumberProtection idNumbers;
    @Autowired
    io.insurecrm.platform.crypto.FieldCipher cipher;

    BookFixtures book;
    long branch;
    long otherBranch;
    String agentCode;
    String otherAgentCode;

    @BeforeEach
    void book() {
        book = new BookFixtures(jdbc);
        branch = book.branch("33");
        otherBranch = book.branch("44");
        agentCode = code(book.agent(branch));
        otherAgentCode = code(book.agent(otherBranch));
    }

    @AfterEach
    void noCrash() {
        imports.onChunkApplied(null);
    }

    private String code(long agentId) {
        return jdbc.sql("select code from agent where id = :id").param("id", agentId).query(String.class).single();
    }

    static String id(LocalDate birth) {
        return BookFixtures.idNumber("33", birth, true);
    }

    private ImportJob upload(String name, String csv) {
        return upload(name, csv.getBytes(StandardCharsets.UTF_8), ImportRequester.commandLine());
    }

    private ImportJob upload(String name, byte[] bytes, ImportRequester requester) {
        return imports.upload(name, new ByteArrayInputStream(bytes), "customers", "AUTO", requester);
    }

    /** ID numbers are stored encrypted: rows are found by their blind index. */
    private List<String> bidx(List<String> ids) {
        return ids.stream().map(idNumbers::blindIndex).toList();
    }

    private long customers(List<String> idNumbers) {
        return jdbc.sql("select count(*) from customer where id_number_bidx in (:ids)").param("ids", bidx(idNumbers))
                .query(Long.class).single();
    }

    private String row(String name, String idNumber, String phone) {
        return String.join(",", name, idNumber, phone, "浙江省", "杭州", agentCode, "", "") + "\n";
    }

    @Test
    void theDryRunCountsCreatesUpdatesUnchangedAndInvalidRowsExactly() {
        String unchanged = id(LocalDate.of(1980, 1, 1));
        String changed = id(LocalDate.of(1981, 2, 2));
        String phoneU = BookFixtures.mobile();
        upload("seed.csv", HEADER + row("老客户甲", unchanged, phoneU) + row("老客户乙", changed, BookFixtures.mobile()))
                .id();
        ImportJob seed = imports.jobs(DataScope.all(), 1).get(0);
        imports.commit(seed.id(), DataScope.all());

        String fresh1 = id(LocalDate.of(1990, 3, 3));
        String fresh2 = id(LocalDate.of(1991, 4, 4));
        String badChecksum = fresh2.substring(0, 17) + (fresh2.charAt(17) == '1' ? '2' : '1');
        String csv = HEADER
                + row("老客户甲", unchanged, phoneU)                       // row 2: unchanged
                + row("老客户乙改名", changed, "")                           // row 3: update (name), blank phone keeps the old one
                + row("新客户一", fresh1, BookFixtures.mobile())             // row 4: create
                + row("新客户二", badChecksum, BookFixtures.mobile())        // row 5: invalid ID checksum
                + row("新客户三", fresh2, "12345")                           // row 6: invalid phone
                + row("新客户一重复", fresh1, "")                            // row 7: duplicate of row 4
                + String.join(",", "无名代理", id(LocalDate.of(1992, 5, 5)), "", "浙江", "杭州", "NO-SUCH-AGENT", "", "") + "\n" // row 8
                + row("=HYPERLINK(\"http://x\")", id(LocalDate.of(1993, 6, 6)), "");  // row 9: formula
        ImportJob job = upload("book.csv", csv);

        assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
        assertThat(job.rowsTotal()).isEqualTo(8);
        assertThat(job.rowsToCreate()).isEqualTo(1);
        assertThat(job.rowsToUpdate()).isEqualTo(1);
        assertThat(job.rowsUnchanged()).isEqualTo(1);
        assertThat(job.rowsInvalid()).isEqualTo(5);
        List<ImportRowError> errors = imports.errors(job.id(), 0, 50, DataScope.all()).content();
        assertThat(errors).extracting(ImportRowError::rowNumber, ImportRowError::column, ImportRowError::reasonKey)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5, "身份证号", "import.error.idNumber"),
                        org.assertj.core.groups.Tuple.tuple(6, "手机号", "import.error.phone"),
                        org.assertj.core.groups.Tuple.tuple(7, "身份证号", "import.error.duplicateInFile"),
                        org.assertj.core.groups.Tuple.tuple(8, "代理人工号", "import.error.agentUnknown"),
                        org.assertj.core.groups.Tuple.tuple(9, "姓名", "import.error.formula"));
        assertThat(errors.get(0).value()).isEqualTo(badChecksum);
        assertThat(errors.get(2).reasonArg()).isEqualTo("4");
        assertThat(imports.reasonText(errors.get(0), Locale.ENGLISH)).contains("check character");
        assertThat(customers(List.of(fresh1))).as("a dry run writes no customer").isZero();

        ImportJob committed = imports.commit(job.id(), DataScope.all());
        assertThat(committed.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(committed.rowsCreated()).isEqualTo(1);
        assertThat(committed.rowsUpdated()).isEqualTo(1);
        assertThat(customers(List.of(fresh1))).isEqualTo(1);
        assertThat(jdbc.sql("select name || '/' || phone from customer where id_number_bidx = :id").param("id", idNumbers.blindIndex(changed))
                .query(String.class).single()).startsWith("老客户乙改名/139");
    }

    @Test
    void theSameFileTwiceChangesNothingTheSecondTime() {
        List<String> ids = new ArrayList<>();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 5; i++) {
            String id = id(LocalDate.of(1970 + i, 1, 15));
            ids.add(id);
            csv.append(row("客户" + i, id, BookFixtures.mobile()));
        }
        ImportJob first = imports.commit(upload("twice.csv", csv.toString()).id(), DataScope.all());
        assertThat(first.rowsCreated()).isEqualTo(5);
        String before = jdbc.sql("select string_agg(id || ':' || version || ':' || updated_at, ',' order by id) from customer "
                + "where id_number_bidx in (:ids)").param("ids", bidx(ids)).query(String.class).single();

        ImportJob again = upload("twice.csv", csv.toString());
        assertThat(again.rowsUnchanged()).isEqualTo(5);
        assertThat(again.rowsToCreate() + again.rowsToUpdate() + again.rowsInvalid()).isZero();
        assertThat(again.fileSha256()).isEqualTo(first.fileSha256());
        assertThat(imports.earlierCommitOfSameFile(again)).contains(first.id());
        ImportJob second = imports.commit(again.id(), DataScope.all());
        assertThat(second.rowsCreated()).isZero();
        assertThat(second.rowsUpdated()).isZero();
        String after = jdbc.sql("select string_agg(id || ':' || version || ':' || updated_at, ',' order by id) from customer "
                + "where id_number_bidx in (:ids)").param("ids", bidx(ids)).query(String.class).single();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aCommitKilledInTheThirdOfFiveChunksResumesAndAppliesEveryRowExactlyOnce() {
        List<String> ids = new ArrayList<>();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 10; i++) {
            String id = id(LocalDate.of(1960 + i, 7, 1));
            ids.add(id);
            csv.append(row("断点" + i, id, BookFixtures.mobile()));
        }
        ImportJob job = upload("crash.csv", csv.toString());
        assertThat(job.chunksTotal()).isEqualTo(5);
        imports.onChunkApplied((jobId, chunk) -> {
            if (jobId == job.id() && chunk == 2) {
                throw new IllegalStateException("simulated kill -9 inside chunk 2");
            }
        });
        assertThatThrownBy(() -> imports.commit(job.id(), DataScope.all())).hasMessageContaining("simulated");
        ImportJob stopped = imports.job(job.id(), DataScope.all());
        assertThat(stopped.status()).isEqualTo(ImportStatus.COMMITTING);
        assertThat(stopped.chunksDone()).isEqualTo(2);
        assertThat(customers(ids)).as("chunks 0 and 1 applied, chunk 2 rolled back whole").isEqualTo(4);

        imports.onChunkApplied(null);
        ImportJob resumed = imports.commit(job.id(), DataScope.all());
        assertThat(resumed.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(resumed.rowsCreated()).isEqualTo(10);
        assertThat(customers(ids)).isEqualTo(10);
        assertThat(jdbc.sql("select count(*) from import_chunk where job_id = :job").param("job", job.id())
                .query(Long.class).single()).isEqualTo(6);
        assertThat(jdbc.sql("select count(*) from import_staged_customer where job_id = :job").param("job", job.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void householdsAreFoundedAndLinkedOnceAcrossChunks() {
        String head = id(LocalDate.of(1975, 5, 5));
        String spouse = id(LocalDate.of(1977, 6, 6));
        String child = id(LocalDate.of(2005, 7, 7));
        String key = "H" + BookFixtures.next();
        String csv = HEADER
                + String.join(",", "孩子", child, "", "33", "杭州", agentCode, key, "子女") + "\n"
                + String.join(",", "妻子", spouse, "", "33", "杭州", agentCode, key, "配偶") + "\n"
                + String.join(",", "户主", head, "", "33", "杭州", agentCode, key, "本人") + "\n";
        imports.commit(upload("family.csv", csv).id(), DataScope.all());
        String members = """
                select string_agg(m.relationship, ',' order by m.relationship) from household_member m
                 where m.household_id = (select m2.household_id from household_member m2 join customer c on c.id = m2.customer_id
                                          where c.id_number_bidx = :head)""";
        assertThat(jdbc.sql(members).param("head", idNumbers.blindIndex(head)).query(String.class).single()).isEqualTo("CHILD,SELF,SPOUSE");

        ImportJob again = upload("family.csv", csv);
        assertThat(again.rowsUnchanged()).isEqualTo(3);
        imports.commit(again.id(), DataScope.all());
        assertThat(jdbc.sql(members).param("head", idNumbers.blindIndex(head)).query(String.class).single()).isEqualTo("CHILD,SELF,SPOUSE");
        assertThat(jdbc.sql("select count(*) from household_member m join customer c on c.id = m.customer_id "
                + "where c.id_number_bidx in (:ids)").param("ids", bidx(List.of(head, spouse, child))).query(Long.class).single())
                .isEqualTo(3);
    }

    @Test
    void aHouseholdWithoutItsHeadRowIsInvalidAndTheOtherRowsStillImport() {
        String key = "H" + BookFixtures.next();
        String alone = id(LocalDate.of(1988, 8, 8));
        String member = id(LocalDate.of(1989, 9, 9));
        ImportJob job = upload("orphan.csv", HEADER + row("独立客户", alone, "")
                + String.join(",", "无户主", member, "", "33", "杭州", agentCode, key, "配偶") + "\n");
        assertThat(job.rowsToCreate()).isEqualTo(1);
        assertThat(imports.errors(job.id(), 0, 10, DataScope.all()).content())
                .extracting(ImportRowError::rowNumber, ImportRowError::reasonKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "import.error.householdHead"));
    }

    @Test
    void aRetentionPeriodAfterAJobFinishedItsCopyOfThePersonalDataIsRemovedOnceAndTheCountsStay(
            @Autowired StagingRetention retention) {
        String oldId = id(LocalDate.of(1981, 4, 5));
        ImportJob old = imports.commit(upload("old.csv", HEADER + row("旧文件客户", oldId, BookFixtures.mobile())
                + row("旧文件错误", id(LocalDate.of(1981, 4, 6)), "999")).id(), DataScope.all());
        ImportJob recent = imports.commit(upload("recent.csv", HEADER + row("新文件客户", id(LocalDate.of(1981, 4, 7)),
                BookFixtures.mobile()) + row("新文件错误", id(LocalDate.of(1981, 4, 8)), "999")).id(), DataScope.all());
        ImportJob open = upload("open.csv", HEADER + row("未提交客户", id(LocalDate.of(1981, 4, 9)), BookFixtures.mobile()));
        assertThat(staged(open.id())).as("validated, waiting for its commit").isEqualTo(1);
        jdbc.sql("update import_job set finished_at = now() - interval '31 days' where id = :id").param("id", old.id()).update();
        jdbc.sql("update import_job set finished_at = now() - interval '10 days' where id = :id").param("id", recent.id()).update();
        jdbc.sql("update import_job set created_at = now() - interval '40 days' where id = :id").param("id", open.id()).update();

        StagingRetention.Purge purge = retention.purge();
        assertThat(purge.jobs()).isGreaterThanOrEqualTo(1);
        assertThat(staged(old.id())).isZero();
        assertThat(jdbc.sql("select count(*) from import_row_error where job_id = :id and source is not null")
                .param("id", old.id()).query(Long.class).single()).as("no cells of the row").isZero();
        assertThat(jdbc.sql("select count(*) from import_row_error where job_id = :id and value is not null").param("id", old.id())
                .query(Long.class).single()).as("nor the offending cell (999)").isZero();
        assertThat(jdbc.sql("select count(*) from import_row_error where job_id = :id and value is not null").param("id", recent.id())
                .query(Long.class).single()).as("within the retention period the cell stays").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from import_row_error where job_id = :id").param("id", old.id())
                .query(Long.class).single()).as("the reasons stay").isEqualTo(1);
        assertThat(jdbc.sql("select purged_at is not null and rows_created = 1 and rows_invalid = 1 from import_job where id = :id")
                .param("id", old.id()).query(Boolean.class).single()).isTrue();
        assertThat(customers(List.of(oldId))).as("what was imported stays").isEqualTo(1);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        imports.writeErrorFile(old.id(), errors, Locale.SIMPLIFIED_CHINESE, DataScope.all());
        assertThat(errors.toString(StandardCharsets.UTF_8)).doesNotContain("旧文件错误").contains("手机号: 电话应为");

        assertThat(cipher.open(jdbc.sql("select source from import_row_error where job_id = :id").param("id", recent.id())
                .query(String.class).single())).as("within the retention period").contains("新文件错误");
        assertThat(jdbc.sql("select purged_at is null from import_job where id = :id").param("id", recent.id())
                .query(Boolean.class).single()).isTrue();
        assertThat(staged(open.id())).as("a job left validated that long is cancelled and its staged rows go").isZero();
        assertThat(imports.job(open.id(), DataScope.all()).status()).isEqualTo(ImportStatus.CANCELLED);
        assertThat(purge.abandoned()).isGreaterThanOrEqualTo(1);

        String purgedAt = jdbc.sql("select purged_at::text from import_job where id = :id").param("id", old.id())
                .query(String.class).single();
        retention.purge();
        assertThat(jdbc.sql("select purged_at::text from import_job where id = :id").param("id", old.id())
                .query(String.class).single()).as("a second run changes nothing").isEqualTo(purgedAt);
    }

    /** Rows of a job's table (import_row_error or a staging table) whose columns hold the text anywhere, as raw SQL sees them. */
    private long rowsHolding(String table, long jobId, String text) {
        return jdbc.sql("select count(*) from " + table + " t where t.job_id = :id and row_to_json(t)::text like :w")
                .param("id", jobId).param("w", "%" + text + "%").query(Long.class).single();
    }

    @Test
    void theFileCellsAnImportKeepsAreSealedAtRestAndOpenedOnlyForTheErrorListAndTheErrorFile() {
        String validId = id(LocalDate.of(1983, 2, 3));
        String validPhone = BookFixtures.mobile();
        String badPhoneId = id(LocalDate.of(1983, 2, 4));
        String unknownAgentId = id(LocalDate.of(1983, 2, 5));
        String unknownAgentPhone = BookFixtures.mobile();
        ImportJob job = upload("sealed.csv", HEADER + row("封存有效", validId, validPhone)       // row 2: valid
                + row("封存错号", badPhoneId, "12345")                                          // row 3: refused in Java
                + String.join(",", "封存无代理", unknownAgentId, unknownAgentPhone, "浙江省", "杭州", "NO-SUCH-AGENT", "", "")
                + "\n");                                                                       // row 4: refused in SQL
        assertThat(job.rowsToCreate()).isEqualTo(1);
        for (String clear : List.of(validId, validPhone, badPhoneId, "12345", unknownAgentId, unknownAgentPhone,
                "NO-SUCH-AGENT", "封存")) {
            assertThat(rowsHolding("import_row_error", job.id(), clear)).as("error rows holding " + clear).isZero();
        }
        // the staged row keeps the fields to write (the phone is stored in the clear in customer too); the ID number
        // is sealed and masked, and the copy of the file's cells is sealed
        assertThat(rowsHolding("import_staged_customer", job.id(), validId)).as("staged ID number").isZero();
        assertThat(jdbc.sql("select source from import_staged_customer where job_id = :id").param("id", job.id())
                .query(String.class).single()).startsWith("v1:").doesNotContain(validPhone);
        assertThat(jdbc.sql("select count(*) from import_row_error where job_id = :id and source like 'v1:%' and value like 'v1:%'")
                .param("id", job.id()).query(Long.class).single()).as("both errors' cells sealed").isEqualTo(2);

        assertThat(imports.errors(job.id(), 0, 10, DataScope.all()).content())
                .extracting(ImportRowError::rowNumber, ImportRowError::column, ImportRowError::value, ImportRowError::reasonKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "手机号", "12345", "import.error.phone"),
                        org.assertj.core.groups.Tuple.tuple(4, "代理人工号", "NO-SUCH-AGENT", "import.error.agentUnknown"));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        imports.writeErrorFile(job.id(), file, Locale.SIMPLIFIED_CHINESE, DataScope.all());
        assertThat(file.toString(StandardCharsets.UTF_8)).as("row, column, reason and the cells, opened")
                .contains("封存错号," + badPhoneId + ",12345,").contains("手机号: 电话应为")
                .contains(unknownAgentId + "," + unknownAgentPhone).contains("代理人工号: 代理人工号不存在");

        imports.commit(job.id(), DataScope.all());
        for (String clear : List.of(validId, validPhone, badPhoneId, unknownAgentId, unknownAgentPhone)) {
            assertThat(rowsHolding("import_row_error", job.id(), clear)).as("after the job: " + clear).isZero();
        }
        assertThat(staged(job.id())).as("staged rows deleted by the commit").isZero();
    }

    @Test
    void aCellThatLooksLikeAnEnvelopeIsSealedAndShownAsTheFileGaveIt() {
        // the agent check runs in SQL and writes the cell as the file gave it; it starts like an envelope but is none
        String unknownAgent = "v1:default:bm90LWFuLWVudmVsb3Bl";
        ImportJob job = upload("looks-sealed.csv", HEADER + String.join(",", "像密文", id(LocalDate.of(1983, 3, 6)),
                BookFixtures.mobile(), "浙江省", "杭州", unknownAgent, "", "") + "\n");
        assertThat(jdbc.sql("select value from import_row_error where job_id = :id").param("id", job.id())
                .query(String.class).single()).as("sealed, not left as it came").startsWith("v1:").isNotEqualTo(unknownAgent);
        assertThat(imports.errors(job.id(), 0, 10, DataScope.all()).content())
                .extracting(ImportRowError::column, ImportRowError::value, ImportRowError::reasonKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("代理人工号", unknownAgent, "import.error.agentUnknown"));
    }

    private long staged(long jobId) {
        return jdbc.sql("select count(*) from import_staged_customer where job_id = :id").param("id", jobId)
                .query(Long.class).single();
    }

    @Test
    void theErrorFileHasTheInputColumnsPlusTheReasonWithFormulasNeutralised() {
        ImportJob job = upload("errors.csv", HEADER + row("=1+2", id(LocalDate.of(1979, 1, 2)), "")
                + row("正常", id(LocalDate.of(1979, 1, 3)), "999"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        imports.writeErrorFile(job.id(), out, Locale.SIMPLIFIED_CHINESE, DataScope.all());
        String text = out.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFF姓名,身份证号,手机号,省份,城市,代理人工号,户号,与户主关系,错误原因");
        assertThat(lines.get(1)).startsWith("'=1+2,").endsWith("姓名: 以 =、+、-、@ 开头，疑似电子表格公式");
        assertThat(lines.get(2)).startsWith("正常,").contains(",999,").contains("手机号: 电话应为");
        assertThat(lines).hasSize(3);

        ImportJob reimported = upload("errors-fixed.csv", out.toByteArray(), ImportRequester.commandLine());
        assertThat(reimported.status()).as("the error file reads back").isEqualTo(ImportStatus.VALIDATED);
        assertThat(reimported.rowsInvalid()).as("the apostrophe is removed again, so the formula is still refused").isEqualTo(2);
    }

    @Test
    void gbkFilesFromCoreSystemsImport() {
        String id = id(LocalDate.of(1966, 6, 16));
        ImportJob job = upload("gbk.csv", (HEADER + row("钱七", id, "")).getBytes(Charset.forName("GBK")),
                ImportRequester.commandLine());
        assertThat(job.encoding()).isEqualTo("GBK");
        assertThat(job.rowsToCreate()).isEqualTo(1);
        imports.commit(job.id(), DataScope.all());
        assertThat(jdbc.sql("select name from customer where id_number_bidx = :id").param("id", idNumbers.blindIndex(id)).query(String.class).single())
                .isEqualTo("钱七");
    }

    @Test
    void aBadFileFailsTheJobWithItsReasonAndWritesNothing() {
        String id = id(LocalDate.of(1955, 5, 5));
        ImportJob job = upload("broken.csv", HEADER + row("好行", id, "") + "\"没关的引号,1,2\n");
        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.failure()).isEqualTo("import.file.unbalancedQuote");
        assertThat(imports.failureText(job, Locale.ENGLISH)).contains("line 3");
        assertThat(jdbc.sql("select count(*) from import_staged_customer where job_id = :job").param("job", job.id())
                .query(Long.class).single()).isZero();
        assertThatThrownBy(() -> imports.commit(job.id(), DataScope.all()))
                .isInstanceOf(io.insurecrm.platform.web.IllegalStateTransitionException.class);
        assertThat(customers(List.of(id))).isZero();

        ImportJob empty = upload("empty.csv", "");
        assertThat(empty.failure()).isEqualTo("import.file.empty");
        ImportJob noKey = upload("nokey.csv", "姓名,城市\n张三,杭州\n");
        assertThat(noKey.failure()).isEqualTo("import.file.missingColumn");
    }

    @Test
    void aBranchManagerImportsOnlyForHisBranch() {
        String mine = id(LocalDate.of(1982, 2, 12));
        String theirs = id(LocalDate.of(1983, 3, 13));
        ImportRequester manager = new ImportRequester("manager", DataScope.branch(branch));
        ImportJob job = upload("branch.csv", (HEADER + row("本分公司", mine, "")
                + String.join(",", "他分公司", theirs, "", "33", "杭州", otherAgentCode, "", "") + "\n")
                .getBytes(StandardCharsets.UTF_8), manager);
        assertThat(job.rowsToCreate()).isEqualTo(1);
        assertThat(imports.errors(job.id(), 0, 10, DataScope.branch(branch)).content())
                .extracting(ImportRowError::reasonKey).containsExactly("import.error.agentOutOfScope");
        assertThatThrownBy(() -> imports.job(job.id(), DataScope.branch(otherBranch))).isInstanceOf(ImportJobNotFound.class);
        assertThat(imports.cancel(job.id(), DataScope.branch(branch)).status()).isEqualTo(ImportStatus.CANCELLED);
    }

    @Test
    void corporateCustomersAreKeyedByCreditCode() {
        String code = creditCode();
        String csv = "客户类型,名称,统一社会信用代码,省份,城市,代理人工号,企业规模\n"
                + String.join(",", "企业", "测试科技有限公司", code, "浙江", "杭州", agentCode, "小型") + "\n";
        ImportJob job = imports.commit(upload("firms.csv", csv).id(), DataScope.all());
        assertThat(job.rowsCreated()).isEqualTo(1);
        assertThat(jdbc.sql("select kind || '/' || company_size from customer where credit_code = :c").param("c", code)
                .query(String.class).single()).isEqualTo("CORPORATE/SMALL");
        assertThat(upload("firms.csv", csv).rowsUnchanged()).isEqualTo(1);
    }

    @Test
    void anXlsxWorkbookImportsAndItsErrorFileIsAWorkbook() throws Exception {
        String good = id(LocalDate.of(1971, 11, 11));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var sheet = workbook.createSheet("客户");
            String[][] rows = {
                    {"姓名", "身份证号", "省份", "城市", "代理人工号"},
                    {"孙八", good, "浙江", "杭州", agentCode},
                    {"@SUM(A1)", id(LocalDate.of(1972, 12, 12)), "浙江", "杭州", agentCode}};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(bytes);
        }
        ImportJob job = upload("book.xlsx", bytes.toByteArray(), ImportRequester.commandLine());
        assertThat(job.fileFormat()).isEqualTo("XLSX");
        assertThat(job.rowsToCreate()).isEqualTo(1);
        assertThat(job.rowsInvalid()).isEqualTo(1);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        imports.writeErrorFile(job.id(), errors, Locale.ENGLISH, DataScope.all());
        assertThat(imports.errorFileName(job)).endsWith(".xlsx");
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(errors.toByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).isEqualTo("Error");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("'@SUM(A1)");
            assertThat(sheet.getRow(1).getCell(5).getStringCellValue()).startsWith("姓名: Starts with =");
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
        }
        imports.commit(job.id(), DataScope.all());
        assertThat(customers(List.of(good))).isEqualTo(1);
    }

    @Test
    void aCustomerInAnotherHouseholdIsInvalid() {
        String head = id(LocalDate.of(1950, 1, 20));
        String member = id(LocalDate.of(1952, 2, 20));
        String key = "H" + BookFixtures.next();
        imports.commit(upload("first.csv", HEADER
                + String.join(",", "甲户主", head, "", "33", "杭州", agentCode, key, "本人") + "\n"
                + String.join(",", "甲配偶", member, "", "33", "杭州", agentCode, key, "配偶") + "\n").id(), DataScope.all());
        String otherHead = id(LocalDate.of(1951, 3, 20));
        String otherKey = "H" + BookFixtures.next();
        ImportJob job = upload("second.csv", HEADER
                + String.join(",", "乙户主", otherHead, "", "33", "杭州", agentCode, otherKey, "本人") + "\n"
                + String.join(",", "甲配偶", member, "", "33", "杭州", agentCode, otherKey, "配偶") + "\n");
        assertThat(job.rowsToCreate()).isEqualTo(1);
        assertThat(imports.errors(job.id(), 0, 10, DataScope.all()).content())
                .extracting(ImportRowError::rowNumber, ImportRowError::reasonKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "import.error.otherHousehold"));
    }

    static String creditCode() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        String first17 = "91330100" + String.format("%09d", BookFixtures.next() % 1_000_000_000L);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(first17.charAt(i)) * weights[i];
        }
        return first17 + alphabet.charAt((31 - sum % 31) % 31);
    }
}
