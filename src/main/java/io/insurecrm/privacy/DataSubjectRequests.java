package io.insurecrm.privacy;

import io.insurecrm.platform.personaldata.PersonalDataCorrection;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.platform.web.Paged;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data-subject requests (PIPL arts. 44-50) and what answers them: a copy of the customer's data
 * ({@link #copyOf(long, String)}, audited as {@link AuditAction#DSR_EXPORT}) and erasure where the law allows
 * (completing an ERASURE request anonymises the customer in the same transaction, audited as
 * {@link AuditAction#ERASURE}) and correction through the request ({@link #correct}, audited as
 * {@link AuditAction#CORRECTION}). Every step is audited as {@link AuditAction#DSR_REQUEST}. Compliance and admins only.
 */
@Service
@EnableConfigurationProperties(DataSubjectRightsSettings.class)
@PreAuthorize("hasAnyRole('COMPLIANCE','ADMIN')")
public class DataSubjectRequests {

    private final JdbcClient jdbc;
    private final AccessAudit audit;
    private final PersonalDataExporter exporter;
    private final CustomerErasure erasure;
    private final DataSubjectRightsSettings settings;
    private final WorkingCalendar calendar;
    private final PersonalDataCorrection corrections;
    private final Clock clock;

    DataSubjectRequests(JdbcClient jdbc, AccessAudit audit, PersonalDataExporter exporter, CustomerErasure erasure,
                        DataSubjectRightsSettings settings, WorkingCalendar calendar, PersonalDataCorrection corrections,
                        Clock clock) {
        this.corrections = corrections;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.audit = audit;
        this.exporter = exporter;
        this.erasure = erasure;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The statutory deadline: {@code deadlineWorkingDays} working days after the day received, by the working-day
     * calendar (weekdays, less the public holidays entered, plus the make-up working days).
     */
    public LocalDate dueOn(LocalDate receivedOn) {
        return calendar.plusWorkingDays(receivedOn, settings.deadlineWorkingDays());
    }

    @Transactional
    public DsrRequest open(long customerId, DsrType type, LocalDate receivedOn, String assignee, String details) {
        if (type == null) {
            throw new DataSubjectRequestRefused("rights.request.typeMissing");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate received = receivedOn == null ? today : receivedOn;
        if (received.isAfter(today)) {
            throw new DataSubjectRequestRefused("rights.request.receivedInFuture", received);
        }
        boolean exists = jdbc.sql("select exists (select 1 from customer where id = :id)").param("id", customerId)
                .query(Boolean.class).single();
        if (!exists) {
            throw NotFoundException.of("customer.notFound", customerId);
        }
        long id = jdbc.sql("""
                        insert into dsr_request (customer_id, type, received_on, due_on, status, assignee, details, created_at, created_by)
                        values (:customer, :type, :received, :due, 'RECEIVED', :assignee, :details, :now, :actor) returning id""")
                .param("customer", customerId).param("type", type.name()).param("received", received)
                .param("due", dueOn(received)).param("assignee", blankToNull(assignee), Types.VARCHAR)
                .param("details", blankToNull(details), Types.VARCHAR).param("now", OffsetDateTime.now(clock))
                .param("actor", actor()).query(Long.class).single();
        audit.record(AuditAction.DSR_REQUEST, customerId, List.of("dsr_request"), "request " + id + " " + type + " received " + received);
        return find(id);
    }

    @Transactional(readOnly = true)
    public DsrRequest find(long id) {
        DsrRequest request = jdbc.sql(SELECT + " where id = :id").param("id", id).param("today", LocalDate.now(clock))
                .query(DataSubjectRequests::row).optional()
                .orElseThrow(() -> NotFoundException.of("rights.request.notFound", id));
        if (request.type() != DsrType.CORRECTION) {
            return request;
        }
        return request.withCorrected(jdbc.sql("""
                        select field, before_value, after_value from dsr_correction where request_id = :id
                        order by array_position(array['name','phone','regionCode','city','occupation','incomeBand',
                                                      'maritalStatus','industry','companySize'], field), field""")
                .param("id", id)
                .query((rs, n) -> new CorrectedField(rs.getString(1), rs.getString(2), rs.getString(3))).list());
    }

    /**
     * The form of a verified CORRECTION request: the customer's correctable fields with their values in the clear —
     * a view of his personal data, audited (VIEW_CUSTOMER on a page, VIEW_CUSTOMER_API on the API).
     */
    @Transactional(readOnly = true)
    public PersonalDataCorrection.Correctable correctionForm(long id, Locale locale, boolean api) {
        DsrRequest request = find(id);
        if (request.type() != DsrType.CORRECTION) {
            throw new DataSubjectRequestRefused("rights.correction.notCorrection", id, request.type());
        }
        PersonalDataCorrection.Correctable form = corrections.correctable(request.customerId(), locale);
        audit.record(api ? AuditAction.VIEW_CUSTOMER_API : AuditAction.VIEW_CUSTOMER, request.customerId(),
                List.copyOf(form.values().keySet()), "correction form of request " + id);
        return form;
    }

    /**
     * Applies a verified CORRECTION request: corrects the customer's fields (validated like the customer edit form) and
     * completes the request in one transaction; what changed is kept with the request and audited as
     * {@link AuditAction#CORRECTION}, masked where sensitive. Refused with nothing changed: a request of another type or
     * not VERIFIED (409), an invalid value (400 naming the field), a correction that changes nothing (400).
     */
    @Transactional
    public DsrRequest correct(long id, Map<String, String> values, String note) {
        DsrRequest request = locked(id);
        if (request.type() != DsrType.CORRECTION) {
            throw new DataSubjectRequestRefused("rights.correction.notCorrection", id, request.type());
        }
        if (request.status() != DsrStatus.VERIFIED) {
            throw new DataSubjectRequestRefused("rights.request.transition", id, request.status(), DsrStatus.COMPLETED);
        }
        List<PersonalDataCorrection.FieldChange> changes = corrections.correct(request.customerId(), values);
        if (changes.isEmpty()) {
            throw new FieldRuleViolation("values", "rights.correction.nothingChanged", id);
        }
        List<CorrectedField> corrected = changes.stream()
                .map(change -> CorrectedField.masked(change.field(), change.before(), change.after())).toList();
        for (CorrectedField field : corrected) {
            jdbc.sql("insert into dsr_correction (request_id, field, before_value, after_value) values (:id, :field, :before, :after)")
                    .param("id", id).param("field", field.field()).param("before", field.before(), Types.VARCHAR)
                    .param("after", field.after(), Types.VARCHAR).update();
        }
        List<String> fields = corrected.stream().map(CorrectedField::field).toList();
        String summary = "corrected: " + String.join(", ", fields);
        String outcome = blankToNull(note);
        close(id, DsrStatus.COMPLETED, outcome == null ? summary : outcome + " (" + summary + ")");
        audit.record(AuditAction.CORRECTION, request.customerId(), fields, "request " + id + ": "
                + String.join("; ", corrected.stream().map(CorrectedField::describe).toList()));
        audit.record(AuditAction.DSR_REQUEST, request.customerId(), List.of("dsr_request"), "request " + id + " completed");
        return find(id);
    }

    /** RECEIVED to VERIFIED: the requester's identity was checked (how: in the note). */
    @Transactional
    public DsrRequest verify(long id, String note, String assignee) {
        DsrRequest request = locked(id);
        if (request.status() != DsrStatus.RECEIVED) {
            throw new DataSubjectRequestRefused("rights.request.transition", id, request.status(), DsrStatus.VERIFIED);
        }
        jdbc.sql("""
                        update dsr_request set status = 'VERIFIED', verified_at = :now, verified_by = :actor,
                               assignee = coalesce(:assignee, assignee),
                               details = case when cast(:note as text) is null then details else concat_ws(E'\\n', details, :note) end,
                               version = version + 1 where id = :id""")
                .param("id", id).param("now", OffsetDateTime.now(clock)).param("actor", actor())
                .param("assignee", blankToNull(assignee), Types.VARCHAR).param("note", blankToNull(note), Types.VARCHAR).update();
        audit.record(AuditAction.DSR_REQUEST, request.customerId(), List.of("dsr_request"), "request " + id + " verified");
        return find(id);
    }

    /**
     * VERIFIED to COMPLETED. An ERASURE request anonymises the customer in this transaction (refused, with nothing
     * changed, while a policy is in force or for a company); the outcome records what was kept and until when.
     */
    @Transactional
    public DsrRequest complete(long id, String note) {
        DsrRequest request = locked(id);
        if (request.status() != DsrStatus.VERIFIED) {
            throw new DataSubjectRequestRefused("rights.request.transition", id, request.status(), DsrStatus.COMPLETED);
        }
        String outcome = blankToNull(note);
        if (request.type() == DsrType.ERASURE) {
            CustomerErasure.Result result = erasure.erase(request.customerId(), id, actor());
            String summary = "anonymised; " + result.policiesRetained() + " policies under legal retention"
                    + (result.retainedUntil() == null ? "" : " until " + result.retainedUntil())
                    + "; interactions cleared: " + result.interactionsCleared() + "; claim texts cleared: " + result.claimsCleared();
            outcome = outcome == null ? summary : outcome + " (" + summary + ")";
            audit.record(AuditAction.ERASURE, request.customerId(),
                    List.of("name", "id_number", "phone", "birth_date", "city", "occupation", "income_band", "marital_status",
                            "household", "interaction.outcome", "claim.description"), "request " + id + ": " + summary);
        }
        close(id, DsrStatus.COMPLETED, outcome);
        audit.record(AuditAction.DSR_REQUEST, request.customerId(), List.of("dsr_request"), "request " + id + " completed");
        return find(id);
    }

    /** RECEIVED or VERIFIED to REJECTED, with the reason the customer is told (PIPL art. 50). */
    @Transactional
    public DsrRequest reject(long id, String reason) {
        if (blankToNull(reason) == null) {
            throw new DataSubjectRequestRefused("rights.request.reasonMissing", id);
        }
        DsrRequest request = locked(id);
        if (!request.status().isOpen()) {
            throw new DataSubjectRequestRefused("rights.request.transition", id, request.status(), DsrStatus.REJECTED);
        }
        close(id, DsrStatus.REJECTED, reason.strip());
        audit.record(AuditAction.DSR_REQUEST, request.customerId(), List.of("dsr_request"), "request " + id + " rejected: " + reason.strip());
        return find(id);
    }

    @Transactional(readOnly = true)
    public Paged<DsrRequest> search(DsrQuery query) {
        long total = filtered("select count(*) from dsr_request " + WHERE, query).query(Long.class).single();
        List<DsrRequest> rows = filtered(SELECT + WHERE + " order by " + query.orderBy() + " limit :size offset :offset", query)
                .param("size", query.size()).param("offset", (long) query.page() * query.size())
                .query(DataSubjectRequests::row).list();
        return new Paged<>(rows, query.page(), query.size(), total);
    }

    @Transactional(readOnly = true)
    public void forEach(DsrQuery query, Consumer<DsrRequest> consumer) {
        try (Stream<DsrRequest> rows = filtered(SELECT + WHERE + " order by " + query.orderBy(), query)
                .query(DataSubjectRequests::row).stream()) {
            rows.forEach(consumer);
        }
    }

    /** A copy of everything about the customer, audited (with the form it is given in) before it is read. */
    @Transactional(readOnly = true)
    public PersonalDataCopy copyOf(long customerId, String format) {
        boolean exists = jdbc.sql("select exists (select 1 from customer where id = :id)").param("id", customerId)
                .query(Boolean.class).single();
        if (!exists) {
            throw NotFoundException.of("customer.notFound", customerId);
        }
        audit.record(AuditAction.DSR_EXPORT, customerId, PersonalDataCopy.SECTIONS, "copy of personal data (" + format + ")");
        return new PersonalDataCopy(customerId, clock.instant(), actor(), exporter.sections(customerId));
    }

    private DsrRequest locked(long id) {
        jdbc.sql("select id from dsr_request where id = :id for update").param("id", id).query(Long.class).optional()
                .orElseThrow(() -> NotFoundException.of("rights.request.notFound", id));
        return find(id);
    }

    private void close(long id, DsrStatus status, String outcome) {
        jdbc.sql("""
                        update dsr_request set status = :status, outcome = :outcome, closed_at = :now, closed_by = :actor,
                               version = version + 1 where id = :id""")
                .param("id", id).param("status", status.name()).param("outcome", outcome, Types.VARCHAR)
                .param("now", OffsetDateTime.now(clock)).param("actor", actor()).update();
    }

    /** The last deadline shown as due soon: the reminder's working days from today (today itself when 0). */
    LocalDate remindUntil() {
        LocalDate today = LocalDate.now(clock);
        return settings.remindWorkingDays() == 0 ? today : calendar.plusWorkingDays(today, settings.remindWorkingDays());
    }

    /** Open requests falling due from today to {@link #remindUntil()}: how many, the earliest deadline, the last day counted. */
    public record DueSoon(long count, LocalDate earliest, LocalDate until, int workingDays) {
    }

    @Transactional(readOnly = true)
    public DueSoon dueSoon() {
        LocalDate until = remindUntil();
        return jdbc.sql("select count(*) as n, min(due_on) as earliest from dsr_request where " + DUE_SOON)
                .param("today", LocalDate.now(clock)).param("remindUntil", until)
                .query((rs, n) -> new DueSoon(rs.getLong("n"), rs.getObject("earliest", LocalDate.class), until,
                        settings.remindWorkingDays()))
                .single();
    }

    /** Open and falling due from today to {@code :remindUntil}. */
    private static final String DUE_SOON = "status in ('RECEIVED','VERIFIED') and due_on >= :today and due_on <= :remindUntil";

    private static final String SELECT = "select *, (status in ('RECEIVED','VERIFIED') and due_on < :today) as overdue from dsr_request ";

    private static final String WHERE = """
             where (cast(:status as text) is null or status = cast(:status as text))
               and (cast(:type as text) is null or type = cast(:type as text))
               and (cast(:customer as bigint) is null or customer_id = cast(:customer as bigint))
               and (not :overdueOnly or (status in ('RECEIVED','VERIFIED') and due_on < :today))
               and (not :dueSoonOnly or (""" + DUE_SOON + "))";

    private JdbcClient.StatementSpec filtered(String sql, DsrQuery query) {
        return jdbc.sql(sql)
                .param("status", query.status() == null ? null : query.status().name(), Types.VARCHAR)
                .param("type", query.type() == null ? null : query.type().name(), Types.VARCHAR)
                .param("customer", query.customerId(), Types.BIGINT)
                .param("overdueOnly", query.overdueOnly())
                .param("dueSoonOnly", query.dueSoonOnly())
                // the calendar is read only when the search asks for it
                .param("remindUntil", query.dueSoonOnly() ? remindUntil() : LocalDate.now(clock))
                .param("today", LocalDate.now(clock));
    }

    private static DsrRequest row(ResultSet rs, int n) throws SQLException {
        return new DsrRequest(rs.getLong("id"), rs.getLong("customer_id"), DsrType.valueOf(rs.getString("type")),
                rs.getObject("received_on", LocalDate.class), rs.getObject("due_on", LocalDate.class),
                DsrStatus.valueOf(rs.getString("status")), rs.getString("assignee"), rs.getString("details"),
                rs.getString("outcome"), instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "verified_at"),
                rs.getString("verified_by"), instant(rs, "closed_at"), rs.getString("closed_by"), rs.getBoolean("overdue"),
                List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String actor() {
        return CurrentStaff.username();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
