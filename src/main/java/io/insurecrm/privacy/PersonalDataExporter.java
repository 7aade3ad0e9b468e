package io.insurecrm.privacy;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads every section of a {@link PersonalDataCopy} with plain SQL (the privacy module reads customer rows by SQL). */
@Component
class PersonalDataExporter {

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("profile", """
                select c.id, c.kind, c.name, c.gender, c.birth_date, c.id_number, c.credit_code, c.phone, c.bank_name, c.bank_account, c.occupation,
                       c.income_band, c.marital_status, c.industry, c.company_size, c.region_code, r.name_zh as region,
                       c.city, a.name as servicing_agent, b.name as branch, c.created_at, c.updated_at
                  from customer c join region r on r.code = c.region_code join agent a on a.id = c.agent_id
                  join branch b on b.id = c.branch_id
                 where c.id = :customer""");
        // the household by number and the customer's own relationship: the other members are other people's data
        QUERIES.put("household", """
                select m.household_id, m.relationship, m.joined_on,
                       (select count(*) from household_member o where o.household_id = m.household_id) as members
                  from household_member m where m.customer_id = :customer""");
        QUERIES.put("policies", """
                select p.policy_number,
                       case when p.holder_id = :customer and p.insured_id = :customer then 'HOLDER_AND_INSURED'
                            when p.holder_id = :customer then 'HOLDER' else 'INSURED' end as role,
                       pr.name_zh as product, pr.line, p.premium, p.payment_frequency, p.annual_premium, p.sum_insured,
                       p.start_date, p.end_date, p.status, p.terminated_on, p.channel, p.created_at
                  from policy p join product pr on pr.id = p.product_id
                 where p.holder_id = :customer or p.insured_id = :customer
                 order by p.start_date, p.id""");
        QUERIES.put("claims", """
                select c.claim_number, p.policy_number, c.incident_date, c.reported_on, c.settled_on, c.amount_claimed,
                       c.amount_paid, c.status, c.description
                  from claim c join policy p on p.id = c.policy_id
                 where c.customer_id = :customer order by c.reported_on, c.id""");
        QUERIES.put("interactions", """
                select i.occurred_at, i.type, i.channel, i.outcome, i.nps_score, a.name as agent
                  from interaction i left join agent a on a.id = i.agent_id
                 where i.customer_id = :customer order by i.occurred_at, i.id""");
        // sealed (ADR 0004): opened below into systolic and diastolic
        QUERIES.put("healthReadings", """
                select measured_at, reading from portal_blood_pressure where customer_id = :customer order by measured_at, id""");
        QUERIES.put("consents", """
                select purpose, granted, source, notice_version, recorded_at, recorded_by
                  from consent where customer_id = :customer order by recorded_at, id""");
        QUERIES.put("requests", """
                select id, type, received_on, due_on, status, outcome, closed_at
                  from dsr_request where customer_id = :customer order by id""");
        QUERIES.put("accessAudit", """
                select seq, occurred_at, actor, actor_role, action, fields, reason
                  from audit_event where customer_id = :customer
                     or seq in (select seq from audit_listing where customer_id = :customer)
                 order by seq""");
    }

    private final JdbcClient jdbc;
    private final io.insurecrm.platform.crypto.FieldCipher cipher;

    PersonalDataExporter(JdbcClient jdbc, io.insurecrm.platform.crypto.FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * Every section of the copy. The ID number, the bank account, health readings, claim descriptions and interaction
     * outcomes are stored encrypted (ADR 0004); the copy is the data subject's own data
     * (and its making is audited), so it holds them decrypted.
     */
    Map<String, List<Map<String, Object>>> sections(long customerId) {
        Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
        QUERIES.forEach((name, sql) -> sections.put(name, jdbc.sql(sql).param("customer", customerId).query(ROW).list()));
        for (Map<String, Object> profile : sections.get("profile")) {
            if (profile.get("idNumber") instanceof String stored) {
                profile.put("idNumber", cipher.open(stored));
            }
            if (profile.get("bankAccount") instanceof String stored) {
                profile.put("bankAccount", cipher.open(stored));
            }
        }
        openIn(sections.get("claims"), "description");
        openIn(sections.get("interactions"), "outcome");
        for (Map<String, Object> reading : sections.get("healthReadings")) {
            String clear = cipher.open((String) reading.remove("reading"));
            int slash = clear.indexOf('/');
            reading.put("systolic", Integer.valueOf(clear.substring(0, slash).strip()));
            reading.put("diastolic", Integer.valueOf(clear.substring(slash + 1).strip()));
        }
        return sections;
    }

    /** Opens a sealed column in every row of a section (a clear value from before sealing stays as it is). */
    private void openIn(List<Map<String, Object>> rows, String column) {
        for (Map<String, Object> row : rows) {
            if (row.get(column) instanceof String stored) {
                row.put(column, cipher.open(stored));
            }
        }
    }

    /** A row with values a JSON writer and a template both show plainly: dates and times as ISO text, arrays as lists. */
    private static final RowMapper<Map<String, Object>> ROW = (ResultSet rs, int n) -> {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(toCamel(meta.getColumnLabel(i)), value(rs, i, meta.getColumnType(i)));
        }
        return row;
    };

    private static Object value(ResultSet rs, int column, int type) throws SQLException {
        Object value = switch (type) {
            case Types.DATE -> rs.getObject(column, LocalDate.class);
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(column, OffsetDateTime.class);
            case Types.ARRAY -> {
                Array array = rs.getArray(column);
                yield array == null ? null : List.of((Object[]) array.getArray());
            }
            default -> rs.getObject(column);
        };
        if (value instanceof LocalDate || value instanceof OffsetDateTime) {
            return value.toString();
        }
        if (value instanceof String text) {
            return text.strip();
        }
        return value;
    }

    private static String toCamel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
