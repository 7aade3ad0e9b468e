package io.insurecrm.importing;

import io.insurecrm.customer.BankAccountNumber;
import io.insurecrm.customer.BankAccountProtection;
import io.insurecrm.customer.ChineseIdNumber;
import io.insurecrm.customer.IdNumberProtection;
import io.insurecrm.customer.SealedIdNumber;
import io.insurecrm.customer.CompanySize;
import io.insurecrm.customer.CustomerKind;
import io.insurecrm.customer.IncomeBand;
import io.insurecrm.customer.MaritalStatus;
import io.insurecrm.customer.PhoneNumber;
import io.insurecrm.customer.Relationship;
import io.insurecrm.customer.UnifiedSocialCreditCode;
import io.insurecrm.importing.source.SourceFileException;
import io.insurecrm.importing.source.SourceRow;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.privacy.AccessAudit;
import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Imports individual and corporate customers and their household links. The natural key is the resident ID
 * number for individuals and the unified social credit code for firms; a blank cell never erases a stored value.
 * Rows are checked with the customer module's rules (ID checksum, phone, credit code), then set-based against the
 * book (agent known and in scope, customer in scope, duplicates within the file, household heads).
 */
@Component
class CustomerRowHandler implements RowHandler {

    static final Set<String> FIELDS = new LinkedHashSet<>(List.of("kind", "name", "idNumber", "creditCode", "phone",
            "region", "city", "agentCode", "occupation", "incomeBand", "maritalStatus", "industry", "companySize",
            "householdKey", "householdName", "relationship", "bankName", "bankAccount",
            "consentMarketing", "consentAnalytics", "consentSensitiveData", "consentRecordedAt", "noticeVersion"));

    /** The consent columns of a staged row and the purpose each records (docs/importing.md "Consent columns"). */
    static final Map<String, ConsentPurpose> CONSENT_COLUMNS = new java.util.LinkedHashMap<>(Map.of());

    static {
        CONSENT_COLUMNS.put("consent_marketing", ConsentPurpose.MARKETING);
        CONSENT_COLUMNS.put("consent_analytics", ConsentPurpose.ANALYTICS);
        CONSENT_COLUMNS.put("consent_sensitive_data", ConsentPurpose.SENSITIVE_DATA);
    }

    /** The bank cells of a staged row (their own table, migration importing/V15), sealed like the customer row's. */
    private static final List<String> STAGED_BANK_COLUMNS = List.of("job_id", "row_number", "bank_name", "bank_account",
            "bank_account_bidx", "bank_account_masked");

    /** A changed bank name or account number (compared by blind index: envelopes of one number differ) is an update. */
    private static final String BANK_DIFFERS = """
            (%1$s.bank_name is not null and %1$s.bank_name is distinct from c.bank_name
             or %1$s.bank_account_bidx is not null and %1$s.bank_account_bidx is distinct from c.bank_account_bidx)""";

    private static final List<String> STAGED_COLUMNS = List.of("job_id", "row_number", "chunk_no", "kind", "name",
            "id_number", "id_number_bidx", "id_number_masked", "credit_code", "gender", "birth_date", "phone", "region_code", "city", "agent_code", "occupation",
            "income_band", "marital_status", "industry", "company_size", "household_key", "household_name",
            "relationship", "consent_marketing", "consent_analytics", "consent_sensitive_data", "consent_recorded_at",
            "notice_version", "source");

    /** Stored values compared to decide whether a row changes a customer; blanks in the file keep the stored value. */
    private static final String DIFFERS = """
            (c.name, c.phone, c.region_code, c.city, c.agent_id, c.branch_id, c.occupation, c.income_band,
             c.marital_status, c.industry, c.company_size)
            is distinct from
            (%1$s.name, coalesce(%1$s.phone, c.phone), %1$s.region_code, %1$s.city, %1$s.agent_id, %1$s.branch_id,
             coalesce(%1$s.occupation, c.occupation), coalesce(%1$s.income_band, c.income_band),
             coalesce(%1$s.marital_status, c.marital_status), coalesce(%1$s.industry, c.industry),
             coalesce(%1$s.company_size, c.company_size))""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ZoneId zone;
    private final Staging staging;
    private final Deduplication deduplication;
    private final IdNumberProtection idNumbers;
    private final BankAccountProtection bankAccounts;
    private final ConsentRegistry consents;
    private final AccessAudit audit;

    CustomerRowHandler(JdbcClient jdbc, DataSource dataSource, java.time.Clock clock, Deduplication deduplication,
                       IdNumberProtection idNumbers, BankAccountProtection bankAccounts, ConsentRegistry consents,
                       AccessAudit audit) {
        this.consents = consents;
        this.audit = audit;
        this.bankAccounts = bankAccounts;
        this.deduplication = deduplication;
        this.jdbc = jdbc;
        this.idNumbers = idNumbers;
        this.dataSource = dataSource;
        this.zone = clock.getZone();
        this.staging = new Staging(jdbc, "import_staged_customer");
    }

    @Override
    public String entity() {
        return "CUSTOMER";
    }

    @Override
    public Set<String> fields() {
        return FIELDS;
    }

    @Override
    public void checkColumns(Map<String, Integer> fieldColumns) {
        for (String required : List.of("name", "city", "agentCode")) {
            if (!fieldColumns.containsKey(required)) {
                throw new SourceFileException("import.file.missingColumn", required);
            }
        }
        if (!fieldColumns.containsKey("idNumber") && !fieldColumns.containsKey("creditCode")) {
            throw new SourceFileException("import.file.missingColumn", "idNumber");
        }
    }

    // ---- row by row ----

    @Override
    public Stager stager(ImportJob job, Map<String, Integer> fieldColumns, RowErrors errors) {
        Map<String, String> regions = regions();
        CopyBuffer staged = new CopyBuffer(dataSource, "import_staged_customer", STAGED_COLUMNS, 5000);
        CopyBuffer stagedBank = new CopyBuffer(dataSource, "import_staged_bank_account", STAGED_BANK_COLUMNS, 5000);
        return new Stager() {
            @Override
            public void accept(SourceRow row, int ordinal) {
                new CustomerRowCheck(row, fieldColumns, errors, regions, idNumbers, bankAccounts, zone)
                        .stage(job, ordinal, staged, stagedBank);
            }

            @Override
            public void flush() {
                staged.flush();
                stagedBank.flush();
            }
        };
    }

    /** One row's checks: collects every problem of the row, stages it only when there is none. */
    private static final class CustomerRowCheck extends RowCheck {

        private final Map<String, String> regions;
        private final IdNumberProtection idNumbers;
        private final BankAccountProtection bankAccounts;
        private final ZoneId zone;

        CustomerRowCheck(SourceRow row, Map<String, Integer> columns, RowErrors errors, Map<String, String> regions,
                         IdNumberProtection idNumbers, BankAccountProtection bankAccounts, ZoneId zone) {
            super(row, columns, errors);
            this.zone = zone;
            this.bankAccounts = bankAccounts;
            this.idNumbers = idNumbers;
            this.regions = regions;
        }

        @Override
        boolean formulaAllowed(String field) {
            return "phone".equals(field);
        }

        void stage(ImportJob job, int ordinal, CopyBuffer staged, CopyBuffer stagedBank) {
            String idNumber = text("idNumber", 18);
            String creditCode = text("creditCode", 18);
            CustomerKind kind = kind(idNumber, creditCode);
            String name = required(text("name", 100), "name");
            String city = required(text("city", 50), "city");
            String agentCode = required(text("agentCode", 50), "agentCode");
            String phone = phone();
            ChineseIdNumber id = null;
            UnifiedSocialCreditCode code = null;
            if (kind == CustomerKind.INDIVIDUAL) {
                if (required(idNumber, "idNumber") != null) {
                    String problem = ChineseIdNumber.problemWith(idNumber.toUpperCase(Locale.ROOT));
                    if (problem != null) {
                        reject("idNumber", "import.error.idNumber", problem);
                    } else {
                        id = new ChineseIdNumber(idNumber);
                    }
                }
                if (creditCode != null) {
                    reject("creditCode", "import.error.creditCodeForIndividual", null);
                }
            } else if (kind == CustomerKind.CORPORATE) {
                if (required(creditCode, "creditCode") != null) {
                    String upper = creditCode.toUpperCase(Locale.ROOT);
                    if (UnifiedSocialCreditCode.isValid(upper)) {
                        code = new UnifiedSocialCreditCode(upper);
                    } else {
                        reject("creditCode", "import.error.creditCode", null);
                    }
                }
                if (idNumber != null) {
                    reject("idNumber", "import.error.idNumberForCorporate", null);
                }
            }
            String region = region(id);
            IncomeBand income = choice("incomeBand", IncomeBand.class, Map.of());
            MaritalStatus marital = choice("maritalStatus", MaritalStatus.class, Map.of("未婚", "SINGLE", "已婚", "MARRIED",
                    "离异", "DIVORCED", "离婚", "DIVORCED", "丧偶", "WIDOWED"));
            CompanySize size = choice("companySize", CompanySize.class, Map.of("微型", "MICRO", "小型", "SMALL",
                    "中型", "MEDIUM", "大型", "LARGE"));
            String occupation = text("occupation", 50);
            String industry = text("industry", 50);
            String householdKey = text("householdKey", 50);
            String householdName = text("householdName", 100);
            Relationship relationship = choice("relationship", Relationship.class, Map.of("本人", "SELF", "户主", "SELF",
                    "配偶", "SPOUSE", "子女", "CHILD", "儿子", "CHILD", "女儿", "CHILD", "父母", "PARENT", "父亲", "PARENT",
                    "母亲", "PARENT", "其他", "OTHER"));
            if (householdKey != null) {
                if (kind == CustomerKind.CORPORATE) {
                    reject("householdKey", "import.error.householdCorporate", null);
                } else if (relationship == null) {
                    reject("relationship", "import.error.required", null);
                }
            }
            if (kind == CustomerKind.INDIVIDUAL && (size != null || industry != null)) {
                reject(size != null ? "companySize" : "industry", "import.error.corporateField", null);
            }
            String bankName = text("bankName", 60);
            BankAccountNumber bankAccount = bankAccount();
            Boolean marketing = consent("consentMarketing");
            Boolean analytics = consent("consentAnalytics");
            Boolean sensitive = consent("consentSensitiveData");
            String notice = text("noticeVersion", 40);
            java.time.LocalDateTime consentTime = dateTime("consentRecordedAt");
            java.time.OffsetDateTime consentAt = consentTime == null ? null : consentTime.atZone(zone).toOffsetDateTime();
            boolean anyConsent = marketing != null || analytics != null || sensitive != null;
            if (anyConsent && notice == null && ok("noticeVersion")) {
                // the notice the customer consented to is part of the record (PIPL art. 14, 17)
                reject("noticeVersion", "import.error.noticeVersionRequired", null);
            }
            if (consentAt != null && consentAt.toInstant().isAfter(job.createdAt())) {
                reject("consentRecordedAt", "import.error.consentInFuture", null);
            }
            if (!valid()) {
                return;
            }
            if (bankName != null || bankAccount != null) {
                // sealed before it enters the COPY stream, like the ID number
                BankAccountProtection.Sealed bank = bankAccount == null ? null : bankAccounts.seal(bankAccount);
                stagedBank.add(job.id(), row.rowNumber(), bankName, bank == null ? null : bank.stored(),
                        bank == null ? null : bank.blindIndex(), bank == null ? null : bank.masked());
            }
            // staged encrypted like the customer row; matched on the blind index
            SealedIdNumber sealed = id == null ? null : idNumbers.seal(id);
            staged.add(job.id(), row.rowNumber(), ordinal / job.chunkSize(), kind.name(), name,
                    sealed == null ? null : sealed.stored(), sealed == null ? null : sealed.blindIndex(),
                    sealed == null ? null : sealed.masked(), code == null ? null : code.value(),
                    id == null ? null : id.gender().name(), id == null ? null : id.birthDate(), phone, region, city, agentCode,
                    kind == CustomerKind.INDIVIDUAL ? occupation : null, income == null ? null : income.name(),
                    marital == null ? null : marital.name(), industry, size == null ? null : size.name(),
                    householdKey, householdKey == null ? null : householdName,
                    householdKey == null ? null : relationship.name(), marketing, analytics, sensitive,
                    anyConsent ? consentAt : null, anyConsent ? notice : null, sealedCells());
        }

        /** Y (a grant), N (a withdrawal, or consent refused) or blank (nothing recorded). */
        private Boolean consent(String field) {
            String value = text(field, 10);
            if (value == null) {
                return null;
            }
            return switch (value.toUpperCase(Locale.ROOT)) {
                case "Y", "YES", "是", "同意" -> true;
                case "N", "NO", "否", "不同意", "撤回" -> false;
                default -> {
                    reject(field, "import.error.consent", null);
                    yield null;
                }
            };
        }

        private CustomerKind kind(String idNumber, String creditCode) {
            String value = text("kind", 20);
            if (value == null) {
                return creditCode != null && idNumber == null ? CustomerKind.CORPORATE : CustomerKind.INDIVIDUAL;
            }
            return switch (value.toUpperCase(Locale.ROOT)) {
                case "个人", "个人客户", "自然人", "INDIVIDUAL", "PERSON", "P", "I" -> CustomerKind.INDIVIDUAL;
                case "企业", "企业客户", "单位", "团体", "法人", "CORPORATE", "COMPANY", "C" -> CustomerKind.CORPORATE;
                default -> {
                    reject("kind", "import.error.choice", "个人/企业, INDIVIDUAL/CORPORATE");
                    yield null;
                }
            };
        }

        /** 12–19 digits, blanks and hyphens between groups allowed; the Luhn check is not a rule (not every account passes). */
        private BankAccountNumber bankAccount() {
            String value = text("bankAccount", 40);
            if (value == null) {
                return null;
            }
            String compact = BankAccountNumber.compact(value);
            if (!BankAccountNumber.isValid(compact)) {
                reject("bankAccount", "import.error.bankAccount", null);
                return null;
            }
            return new BankAccountNumber(compact);
        }

        private String phone() {
            String value = text("phone", 30);
            if (value == null) {
                return null;
            }
            String compact = value.replace(" ", "");
            if (compact.startsWith("+86")) {
                compact = compact.substring(3);
            }
            if (!PhoneNumber.isValid(compact)) {
                reject("phone", "import.error.phone", null);
                return null;
            }
            return compact;
        }

        private String region(ChineseIdNumber id) {
            String value = text("region", 20);
            if (value == null) {
                if (id != null && regions.containsKey(id.regionCode())) {
                    return id.regionCode();
                }
                required(null, "region");
                return null;
            }
            String code = regions.get(value.toLowerCase(Locale.ROOT));
            if (code == null) {
                reject("region", "import.error.region", null);
            }
            return code;
        }
    }

    /** Region codes by code, Chinese name with and without its suffix, and English name (lower case). */
    private Map<String, String> regions() {
        Map<String, String> regions = new HashMap<>();
        jdbc.sql("select code, name_zh, name_en from region").query(rs -> {
            String code = rs.getString("code");
            String zh = rs.getString("name_zh");
            regions.put(code, code);
            regions.put(zh, code);
            regions.put(zh.replaceAll("(壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$", ""), code);
            regions.put(rs.getString("name_en").toLowerCase(Locale.ROOT), code);
        });
        return regions;
    }

    // ---- set-based ----

    @Override
    public Classification classify(ImportJob job, ImportRequester requester, Map<String, String> headers) {
        long jobId = job.id();
        DataScope scope = requester.scope();
        // freshly copied rows: without statistics the planner assumes one row and nests loops over 200,000
        staging.analyze();
        jdbc.sql("""
                update import_staged_customer s set agent_id = a.id, branch_id = a.branch_id
                  from agent a where s.job_id = :job and a.code = s.agent_code and a.active""")
                .param("job", jobId).update();
        jdbc.sql("update import_staged_customer s set customer_id = c.id from customer c "
                        + "where s.job_id = :job and s.kind = 'INDIVIDUAL' and " + CustomerMatchSql.byIdNumber("c", "s.id_number_bidx"))
                .param("job", jobId).update();
        jdbc.sql("update import_staged_customer s set customer_id = c.id from customer c "
                        + "where s.job_id = :job and s.kind = 'CORPORATE' and c.credit_code = s.credit_code")
                .param("job", jobId).update();
        staging.rowError(jobId, headers.get("agentCode"), "agent_code", "import.error.agentUnknown", "null",
                "s.agent_id is null");
        if (scope.kind() == DataScope.Kind.BRANCH) {
            staging.rowError(jobId, headers.get("agentCode"), "agent_code", "import.error.agentOutOfScope", "null",
                    "s.branch_id <> " + scope.branchId());
            staging.rowError(jobId, null, "null", "import.error.customerOutOfScope", "null",
                    "exists (select 1 from customer c where c.id = s.customer_id and c.branch_id <> " + scope.branchId() + ")");
        }
        jdbc.sql("""
                insert into import_row_error (job_id, row_number, column_name, value, reason_key, reason_arg, source)
                select d.job_id, d.row_number, case when d.kind = 'INDIVIDUAL' then :idHeader else :codeHeader end,
                       coalesce(d.id_number_masked, d.credit_code), 'import.error.duplicateInFile', d.first_row::text, d.source
                  from (select s.*, min(s.row_number) over (partition by s.kind, coalesce(s.id_number_bidx, s.credit_code)) as first_row
                          from import_staged_customer s where s.job_id = :job) d
                 where d.row_number > d.first_row""")
                .param("job", jobId).param("idHeader", headers.get("idNumber")).param("codeHeader", headers.get("creditCode"))
                .update();
        staging.dropRejected(jobId);
        householdHeads(jobId, headers.get("householdKey"));
        jdbc.sql("""
                insert into import_row_error (job_id, row_number, column_name, value, reason_key, reason_arg, source)
                select s.job_id, s.row_number, :header, s.household_key, 'import.error.otherHousehold',
                       m.household_id::text, s.source
                  from import_staged_customer s
                  join household_member m on m.customer_id = s.customer_id
                  join import_staged_customer h on h.job_id = s.job_id and h.household_key = s.household_key
                                               and h.relationship = 'SELF'
                  left join household_member hh on hh.customer_id = h.customer_id and hh.relationship = 'SELF'
                 where s.job_id = :job and s.household_key is not null
                   and (hh.household_id is null or hh.household_id <> m.household_id)""")
                .param("job", jobId).param("header", headers.get("householdKey")).update();
        staging.dropRejected(jobId);
        householdHeads(jobId, headers.get("householdKey"));
        staging.dropRejected(jobId);
        jdbc.sql("update import_staged_customer set action = 'CREATE' where job_id = :job and customer_id is null")
                .param("job", jobId).update();
        jdbc.sql("""
                update import_staged_customer s
                   set action = case
                        when %s then 'UPDATE'
                        when s.household_key is not null
                             and not exists (select 1 from household_member m where m.customer_id = c.id
                                             and m.relationship = s.relationship) then 'UPDATE'
                        else 'UNCHANGED' end
                  from customer c
                 where s.job_id = :job and c.id = s.customer_id""".formatted(DIFFERS.formatted("s")))
                .param("job", jobId).update();
        jdbc.sql("""
                update import_staged_customer s set action = 'UPDATE'
                  from customer c, import_staged_bank_account b
                 where s.job_id = :job and s.action = 'UNCHANGED' and c.id = s.customer_id
                   and b.job_id = s.job_id and b.row_number = s.row_number and %s""".formatted(BANK_DIFFERS.formatted("b")))
                .param("job", jobId).update();
        // a row whose consent columns would change the customer's current consent is an update too
        StringBuilder consentChanges = new StringBuilder();
        for (Map.Entry<String, ConsentPurpose> column : CONSENT_COLUMNS.entrySet()) {
            consentChanges.append(consentChanges.isEmpty() ? "" : " or ").append(ConsentRegistry.importChangesCondition(
                    "s.customer_id", column.getValue(), "s." + column.getKey(), "coalesce(s.consent_recorded_at, j.created_at)"));
        }
        jdbc.sql("""
                update import_staged_customer s set action = 'UPDATE'
                  from import_job j
                 where s.job_id = :job and j.id = s.job_id and s.action = 'UNCHANGED' and s.notice_version is not null
                   and (%s)""".formatted(consentChanges))
                .param("job", jobId).update();
        return staging.counts(jobId);
    }

    /** Every row of a household key that has no head (SELF) row, or more than one, is invalid. */
    private void householdHeads(long jobId, String header) {
        staging.rowError(jobId, header, "household_key", "import.error.householdHead", "null", """
                s.household_key is not null and s.household_key in (select h.household_key from import_staged_customer h
                    where h.job_id = :job and h.household_key is not null group by h.household_key
                    having count(*) filter (where h.relationship = 'SELF') <> 1)""");
    }

    // ---- commit ----

    /** Per column a stored value compared with the staged one: the columns that change for a customer (blanks keep). */
    private static final String CHANGED = """
            array_remove(array[
                case when s.name is distinct from c.name then 'name' end,
                case when s.phone is not null and s.phone is distinct from c.phone then 'phone' end,
                case when s.region_code is distinct from c.region_code then 'region' end,
                case when s.city is distinct from c.city then 'city' end,
                case when s.agent_id is distinct from c.agent_id or s.branch_id is distinct from c.branch_id then 'agent_code' end,
                case when s.occupation is not null and s.occupation is distinct from c.occupation then 'occupation' end,
                case when s.income_band is not null and s.income_band is distinct from c.income_band then 'income_band' end,
                case when s.marital_status is not null and s.marital_status is distinct from c.marital_status then 'marital_status' end,
                case when s.industry is not null and s.industry is distinct from c.industry then 'industry' end,
                case when s.company_size is not null and s.company_size is distinct from c.company_size then 'company_size' end,
                case when b.bank_name is not null and b.bank_name is distinct from c.bank_name then 'bank_name' end,
                case when b.bank_account_bidx is not null and b.bank_account_bidx is distinct from c.bank_account_bidx
                     then 'bank_account' end], null)""";

    @Override
    public ChunkResult commitChunk(long jobId, int chunkNo, Instant now) {
        Map<Long, Written> written = new java.util.LinkedHashMap<>();
        int[] counts = new int[2];
        for (String kind : List.of("INDIVIDUAL", "CORPORATE")) {
            String conflict = kind.equals("INDIVIDUAL") ? CustomerMatchSql.idNumberConflictTarget()
                    : "(credit_code) where credit_code is not null";
            for (Written w : upsert(jobId, chunkNo, now, kind, conflict)) {
                counts["created".equals(w.detail()) ? 0 : 1]++;
                written.put(w.customerId(), w);
            }
        }
        for (Written consent : recordConsents(jobId, chunkNo)) {
            Written customer = written.get(consent.customerId());
            if (customer == null) {
                counts[1]++; // a customer whose consent alone changed is an update
                written.put(consent.customerId(), consent);
            } else if (customer.changed() != null) {
                written.put(consent.customerId(), new Written(customer.customerId(),
                        concat(customer.changed(), consent.changed()), customer.detail()));
            }
        }
        return new ChunkResult(counts[0], counts[1], List.copyOf(written.values()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Applies the chunk's rows of one kind; returns each customer created or changed — with the columns that changed
     * for him when the audit is on (compared by the statement just before the upsert, in the chunk's transaction; in
     * the same statement the planner joined the upsert's rows to them by nested loops, 7× slower on 100,000 updates).
     */
    private List<Written> upsert(long jobId, int chunkNo, Instant now, String kind, String conflictTarget) {
        Map<Long, List<String>> changes = new HashMap<>();
        if (audit.enabled()) {
            jdbc.sql("""
                    select c.id, %s as changed
                      from import_staged_customer s
                      join customer c on c.id = s.customer_id
                      left join import_staged_bank_account b on b.job_id = s.job_id and b.row_number = s.row_number
                     where s.job_id = :job and s.chunk_no = :chunk and s.kind = :kind and s.action = 'UPDATE'"""
                            .formatted(CHANGED))
                    .param("job", jobId).param("chunk", chunkNo).param("kind", kind)
                    .query(rs -> {
                        changes.put(rs.getLong("id"), List.of((String[]) rs.getArray("changed").getArray()));
                    });
        }
        return jdbc.sql("""
                with applied as (
                    insert into customer as c (kind, name, gender, birth_date, id_number, id_number_bidx, id_number_masked,
                                               bank_name, bank_account, bank_account_bidx, bank_account_masked,
                                               occupation, income_band,
                                               marital_status, credit_code, industry, company_size, phone, region_code,
                                               city, agent_id, branch_id, created_at, updated_at)
                    select s.kind, s.name, s.gender, s.birth_date, s.id_number, s.id_number_bidx, s.id_number_masked,
                           b.bank_name, b.bank_account, b.bank_account_bidx, b.bank_account_masked,
                           s.occupation, s.income_band,
                           s.marital_status, s.credit_code, s.industry, s.company_size, s.phone, s.region_code,
                           s.city, s.agent_id, s.branch_id, :now, :now
                      from import_staged_customer s
                      left join import_staged_bank_account b on b.job_id = s.job_id and b.row_number = s.row_number
                     where s.job_id = :job and s.chunk_no = :chunk and s.kind = :kind
                     order by s.row_number
                    on conflict %1$s do update
                       set name = excluded.name, phone = coalesce(excluded.phone, c.phone),
                           region_code = excluded.region_code, city = excluded.city,
                           agent_id = excluded.agent_id, branch_id = excluded.branch_id,
                           occupation = coalesce(excluded.occupation, c.occupation),
                           income_band = coalesce(excluded.income_band, c.income_band),
                           marital_status = coalesce(excluded.marital_status, c.marital_status),
                           industry = coalesce(excluded.industry, c.industry),
                           company_size = coalesce(excluded.company_size, c.company_size),
                           bank_name = coalesce(excluded.bank_name, c.bank_name),
                           -- a blank cell keeps the stored number; the same number keeps its envelope (and key)
                           bank_account = case when excluded.bank_account_bidx is null
                                                 or excluded.bank_account_bidx = c.bank_account_bidx
                                               then c.bank_account else excluded.bank_account end,
                           bank_account_masked = case when excluded.bank_account_bidx is null
                                                        or excluded.bank_account_bidx = c.bank_account_bidx
                                                      then c.bank_account_masked else excluded.bank_account_masked end,
                           bank_account_bidx = coalesce(excluded.bank_account_bidx, c.bank_account_bidx),
                           updated_at = excluded.updated_at, version = c.version + 1
                     where %2$s
                    returning c.id, (xmax = 0) as inserted)
                select a.id, a.inserted from applied a"""
                        .formatted(conflictTarget, DIFFERS.formatted("excluded") + " or " + BANK_DIFFERS.formatted("excluded")))
                .param("job", jobId).param("chunk", chunkNo).param("kind", kind)
                .param("now", java.sql.Timestamp.from(now))
                .query((rs, n) -> {
                    boolean inserted = rs.getBoolean("inserted");
                    List<String> fields = inserted ? null : changes.get(rs.getLong("id"));
                    return new Written(rs.getLong("id"), fields == null || fields.isEmpty() ? null : fields,
                            inserted ? "created" : "updated");
                })
                .list();
    }

    /**
     * Records the consent columns of the chunk's rows (source IMPORTED) through the privacy module: only what changes a
     * customer's current state, so the same file again records nothing. Returns the customers with the consent columns
     * recorded for them.
     */
    private List<Written> recordConsents(long jobId, int chunkNo) {
        List<ConsentRegistry.ImportedConsent> rows = new java.util.ArrayList<>();
        for (String kind : List.of("INDIVIDUAL", "CORPORATE")) {
            String match = kind.equals("INDIVIDUAL") ? CustomerMatchSql.byIdNumber("c", "s.id_number_bidx")
                    : "c.credit_code = s.credit_code";
            jdbc.sql("""
                    select c.id, s.consent_marketing, s.consent_analytics, s.consent_sensitive_data, s.notice_version,
                           coalesce(s.consent_recorded_at, j.created_at) as recorded_at
                      from import_staged_customer s
                      join import_job j on j.id = s.job_id
                      join customer c on %s
                     where s.job_id = :job and s.chunk_no = :chunk and s.kind = :kind and s.notice_version is not null
                     order by s.row_number""".formatted(match))
                    .param("job", jobId).param("chunk", chunkNo).param("kind", kind)
                    .query(rs -> {
                        Instant at = rs.getTimestamp("recorded_at").toInstant();
                        for (Map.Entry<String, ConsentPurpose> column : CONSENT_COLUMNS.entrySet()) {
                            boolean granted = rs.getBoolean(column.getKey());
                            if (!rs.wasNull()) {
                                rows.add(new ConsentRegistry.ImportedConsent(rs.getLong("id"), column.getValue(), granted,
                                        at, rs.getString("notice_version")));
                            }
                        }
                    });
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> recorded = new java.util.LinkedHashMap<>();
        for (var record : consents.recordImported(rows, "import job " + jobId)) {
            recorded.computeIfAbsent(record.customerId(), id -> new java.util.ArrayList<>())
                    .add("consent_" + record.purpose().name().toLowerCase(Locale.ROOT));
        }
        return recorded.entrySet().stream().map(e -> new Written(e.getKey(), e.getValue(), "consent recorded")).toList();
    }

    /** Founds the households of heads not yet in one, then adds the members to their head's household. */
    @Override
    public List<Written> finish(long jobId, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        Set<Long> linked = new LinkedHashSet<>();
        jdbc.sql("""
                with heads as (
                    select c.id as customer_id, coalesce(s.household_name, c.name || '家庭') as name,
                           nextval(pg_get_serial_sequence('household', 'id')) as household_id
                      from import_staged_customer s
                      join customer c on %s
                     where s.job_id = :job and s.relationship = 'SELF'
                       and not exists (select 1 from household_member m where m.customer_id = c.id)),
                founded as (
                    insert into household (id, name, created_at) select household_id, name, :now from heads returning id)
                insert into household_member (household_id, customer_id, relationship, joined_on)
                select household_id, customer_id, 'SELF', :today from heads
                returning customer_id""".formatted(CustomerMatchSql.byIdNumber("c", "s.id_number_bidx")))
                .param("job", jobId).param("now", java.sql.Timestamp.from(now)).param("today", today)
                .query(Long.class).list().forEach(linked::add);
        jdbc.sql("""
                insert into household_member as m (household_id, customer_id, relationship, joined_on)
                select hm.household_id, c.id, s.relationship, :today
                  from import_staged_customer s
                  join customer c on %1$s
                  join import_staged_customer h on h.job_id = s.job_id and h.household_key = s.household_key
                                               and h.relationship = 'SELF'
                  join customer hc on %2$s
                  join household_member hm on hm.customer_id = hc.id and hm.relationship = 'SELF'
                 where s.job_id = :job and s.household_key is not null and s.relationship <> 'SELF'
                on conflict on constraint household_member_one_household do update
                   set relationship = excluded.relationship
                 where m.household_id = excluded.household_id and m.relationship is distinct from excluded.relationship
                returning m.customer_id"""
                        .formatted(CustomerMatchSql.byIdNumber("c", "s.id_number_bidx"), CustomerMatchSql.byIdNumber("hc", "h.id_number_bidx")))
                .param("job", jobId).param("today", today).query(Long.class).list().forEach(linked::add);
        flagDuplicates(jobId);
        return linked.stream().map(id -> new Written(id, List.of("household", "relationship"), "household link")).toList();
    }

    /** Flags probable duplicates among the job's individuals and the book (candidates found by IMPORT). */
    private void flagDuplicates(long jobId) {
        deduplication.runForImport(jobId, "select c.id from import_staged_customer s join customer c on "
                + CustomerMatchSql.byIdNumber("c", "s.id_number_bidx") + " where s.job_id = " + jobId + " and s.kind = 'INDIVIDUAL'");
    }

    @Override
    public int discard(long jobId) {
        jdbc.sql("delete from import_staged_bank_account where job_id = :job").param("job", jobId).update();
        return staging.discard(jobId);
    }
}
