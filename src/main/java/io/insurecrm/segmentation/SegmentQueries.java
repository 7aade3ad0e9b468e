package io.insurecrm.segmentation;

import io.insurecrm.platform.security.DataScope;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading placements: one customer's segments on a day, the distribution per segment, the migration matrix. */
@Service
@Transactional(readOnly = true)
public class SegmentQueries {

    private final JdbcClient jdbc;

    SegmentQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer's placements (one per dimension) holding on the day; empty when he is outside the scope. */
    public List<Placement> placementsOn(long customerId, LocalDate day, DataScope scope) {
        return jdbc.sql("""
                        select sp.customer_id, sp.dimension, sp.segment, sp.reason, r.version, sp.valid_from, sp.valid_to, sp.reason_key,
                               array(select jsonb_array_elements_text(sp.reason_args)) as reason_args
                          from segment_placement sp
                          join segment_rule_set r on r.id = sp.rule_set_id
                          join customer c on c.id = sp.customer_id
                         where sp.customer_id = :customer and sp.valid_from <= :day
                           and (sp.valid_to is null or sp.valid_to > :day)
                           and """ + DataScope.predicate("c") + " order by sp.dimension")
                .param("customer", customerId).param("day", day)
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query(SegmentQueries::placement)
                .list();
    }

    /** The customer's whole history in every dimension, newest first; empty when he is outside the scope. */
    public List<Placement> history(long customerId, DataScope scope) {
        return jdbc.sql("""
                        select sp.customer_id, sp.dimension, sp.segment, sp.reason, r.version, sp.valid_from, sp.valid_to, sp.reason_key,
                               array(select jsonb_array_elements_text(sp.reason_args)) as reason_args
                          from segment_placement sp
                          join segment_rule_set r on r.id = sp.rule_set_id
                          join customer c on c.id = sp.customer_id
                         where sp.customer_id = :customer and """ + DataScope.predicate("c")
                        + " order by sp.dimension, sp.valid_from desc")
                .param("customer", customerId)
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query(SegmentQueries::placement)
                .list();
    }

    /** Customers in scope per current segment of the dimension, largest first. */
    public List<SegmentCount> distribution(Dimension dimension, DataScope scope) {
        return jdbc.sql("""
                        select sp.segment, count(*) as customers
                          from segment_placement sp
                          join customer c on c.id = sp.customer_id
                         where sp.dimension = :dimension and sp.valid_to is null and """ + DataScope.predicate("c") + """

                         group by sp.segment
                         order by customers desc, sp.segment""")
                .param("dimension", dimension.name())
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> new SegmentCount(rs.getString("segment"), rs.getLong("customers")))
                .list();
    }

    /**
     * Customers in scope by their segment on {@code from} and on {@code to} (null = not placed on that day), the
     * customers placed on neither day left out.
     */
    public List<MigrationCell> migration(Dimension dimension, LocalDate from, LocalDate to, DataScope scope) {
        return jdbc.sql("""
                        select f.segment as from_segment, t.segment as to_segment, count(*) as customers
                          from customer c
                          left join segment_placement f on f.customer_id = c.id and f.dimension = :dimension
                                and f.valid_from <= :from and (f.valid_to is null or f.valid_to > :from)
                          left join segment_placement t on t.customer_id = c.id and t.dimension = :dimension
                                and t.valid_from <= :to and (t.valid_to is null or t.valid_to > :to)
                         where (f.id is not null or t.id is not null) and """ + DataScope.predicate("c") + """

                         group by f.segment, t.segment
                         order by f.segment nulls first, t.segment nulls first""")
                .param("dimension", dimension.name()).param("from", from).param("to", to)
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query((rs, n) -> new MigrationCell(rs.getString("from_segment"), rs.getString("to_segment"),
                        rs.getLong("customers")))
                .list();
    }

    /** Whether the customer exists and is within the scope (outside it he is "not found"). */
    public boolean visible(long customerId, DataScope scope) {
        return jdbc.sql("select exists (select 1 from customer c where c.id = :customer and " + DataScope.predicate("c") + ")")
                .param("customer", customerId)
                .param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch())
                .query(Boolean.class).single();
    }

    static Placement placement(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        java.sql.Array args = rs.getArray("reason_args");
        return new Placement(rs.getLong("customer_id"), Dimension.valueOf(rs.getString("dimension")),
                rs.getString("segment"), rs.getString("reason"), rs.getInt("version"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                rs.getString("reason_key"), args == null ? List.of() : List.of((String[]) args.getArray()));
    }
}
