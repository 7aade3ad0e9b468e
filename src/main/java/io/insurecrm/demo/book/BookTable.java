package io.insurecrm.demo.book;

/** The tables the book fills, in the order they are loaded (every row refers only to rows of earlier tables or of earlier rows). */
public enum BookTable {
    BRANCH("branch", "id, code, name, region_code, city", true),
    AGENT("agent", "id, code, name, kind, branch_id, phone, active", true),
    PRODUCT("product", "id, code, name_zh, name_en, line, layer, category, term_months, active", true),
    CUSTOMER("customer", "id, kind, name, gender, birth_date, id_number, occupation, income_band, marital_status, "
            + "credit_code, industry, company_size, phone, region_code, city, agent_id, branch_id, created_at, updated_at, "
            + "id_number_bidx, id_number_masked, bank_name, bank_account, bank_account_bidx, bank_account_masked", true),
    HOUSEHOLD("household", "id, name, created_at", true),
    HOUSEHOLD_MEMBER("household_member", "household_id, customer_id, relationship, joined_on", false),
    POLICY("policy", "id, policy_number, holder_id, insured_id, product_id, premium, payment_frequency, annual_premium, "
            + "sum_insured, start_date, end_date, status, terminated_on, renews_policy_id, channel, agent_id, branch_id, created_at", true),
    CLAIM("claim", "id, claim_number, policy_id, customer_id, incident_date, reported_on, settled_on, amount_claimed, "
            + "amount_paid, status, description", true),
    CLAIM_STATUS_CHANGE("claim_status_change", "claim_id, seq, status, changed_at, note", false),
    INTERACTION("interaction", "id, customer_id, type, channel, occurred_at, outcome, nps_score, referred_customer_id, agent_id", true);

    private final String tableName;
    private final String columns;
    private final boolean identity;

    BookTable(String tableName, String columns, boolean identity) {
        this.tableName = tableName;
        this.columns = columns;
        this.identity = identity;
    }

    public String tableName() {
        return tableName;
    }

    public String columns() {
        return columns;
    }

    /** Whether the table has an identity {@code id} whose sequence must be moved past the loaded ids. */
    public boolean identity() {
        return identity;
    }

    public String copyStatement() {
        return "copy " + tableName + " (" + columns + ") from stdin";
    }
}
