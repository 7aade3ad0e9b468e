package io.insurecrm.loyalty;

import io.insurecrm.platform.web.FieldRuleViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The benefits catalogue: list, one benefit, and saving (adding or changing) one. */
@Service
public class Benefits {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    private final JdbcClient jdbc;

    Benefits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Benefit> catalogue() {
        return jdbc.sql("select * from loyalty_benefit order by category, cardinality(tiers) desc, code")
                .query((rs, n) -> benefit(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<Benefit> find(String code) {
        return jdbc.sql("select * from loyalty_benefit where code = :code").param("code", code)
                .query((rs, n) -> benefit(rs)).optional();
    }

    /**
     * Adds the benefit or changes the one with its code. Members already holding an entitlement for the current
     * period keep its quota; the new quota applies from the next period and to new activations.
     * @throws FieldRuleViolation naming the field that is wrong
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public Benefit save(Benefit benefit) {
        if (benefit.code() == null || !CODE.matcher(benefit.code()).matches()) {
            throw new FieldRuleViolation("code", "loyalty.benefit.invalid.code", String.valueOf(benefit.code()));
        }
        if (benefit.category() == null) {
            throw new FieldRuleViolation("category", "loyalty.benefit.invalid.category");
        }
        if (benefit.nameZh() == null || benefit.nameZh().isBlank() || benefit.nameZh().length() > 100) {
            throw new FieldRuleViolation("nameZh", "loyalty.benefit.invalid.name");
        }
        if (benefit.nameEn() == null || benefit.nameEn().isBlank() || benefit.nameEn().length() > 100) {
            throw new FieldRuleViolation("nameEn", "loyalty.benefit.invalid.name");
        }
        if (benefit.tiers().isEmpty() || benefit.tiers().contains(Tier.NONE)) {
            throw new FieldRuleViolation("tiers", "loyalty.benefit.invalid.tiers");
        }
        if (benefit.quota() != null && (benefit.quota() < 1 || benefit.quota() > 1000)) {
            throw new FieldRuleViolation("quota", "loyalty.benefit.invalid.quota", benefit.quota());
        }
        if (benefit.period() == null) {
            throw new FieldRuleViolation("period", "loyalty.benefit.invalid.period");
        }
        if (benefit.validityDays() != null && (benefit.validityDays() < 1 || benefit.validityDays() > 3660)) {
            throw new FieldRuleViolation("validityDays", "loyalty.benefit.invalid.validityDays", benefit.validityDays());
        }
        jdbc.sql("""
                        insert into loyalty_benefit (code, category, name_zh, name_en, tiers, quota, period, validity_days, active)
                        values (:code, :category, :zh, :en, cast(:tiers as text[]), :quota, :period, :validity, :active)
                        on conflict (code) do update set category = excluded.category, name_zh = excluded.name_zh,
                            name_en = excluded.name_en, tiers = excluded.tiers, quota = excluded.quota, period = excluded.period,
                            validity_days = excluded.validity_days, active = excluded.active,
                            version = loyalty_benefit.version + 1""")
                .param("code", benefit.code()).param("category", benefit.category().name())
                .param("zh", benefit.nameZh().strip()).param("en", benefit.nameEn().strip())
                .param("tiers", "{" + benefit.tiersInOrder().stream().map(Enum::name).collect(Collectors.joining(",")) + "}")
                .param("quota", benefit.quota()).param("period", benefit.period().name())
                .param("validity", benefit.validityDays()).param("active", benefit.active())
                .update();
        return find(benefit.code()).orElseThrow();
    }

    static Benefit benefit(ResultSet rs) throws SQLException {
        String[] tiers = (String[]) rs.getArray("tiers").getArray();
        return new Benefit(rs.getString("code"), BenefitCategory.valueOf(rs.getString("category")), rs.getString("name_zh"),
                rs.getString("name_en"), Arrays.stream(tiers).map(Tier::valueOf).collect(Collectors.toSet()),
                (Integer) rs.getObject("quota"), QuotaPeriod.valueOf(rs.getString("period")),
                (Integer) rs.getObject("validity_days"), rs.getBoolean("active"));
    }

    /** Activates, for the period containing today, the benefits of the tier of each row of {@code members} (customer_id, tier). */
    static int activate(JdbcClient jdbc, String members, LocalDate today) {
        return jdbc.sql("""
                        insert into loyalty_entitlement (customer_id, benefit_code, period_start, valid_until, quota, activated_on)
                        select u.customer_id, b.code, loyalty_period_start(b.period, :today),
                               case when b.validity_days is null then loyalty_period_end(b.period, :today)
                                    else least(loyalty_period_end(b.period, :today), cast(:today as date) + b.validity_days - 1) end,
                               b.quota, :today
                          from (%s) u join loyalty_benefit b on b.active and u.tier = any(b.tiers)
                        on conflict (customer_id, benefit_code, period_start) do nothing""".formatted(members))
                .param("today", today).update();
    }
}
