package io.insurecrm.portal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The service assistant: a question is matched, with Lucene full-text search and the smartcn Chinese word
 * segmenter, against the insurer's FAQ and the product clauses (tables portal_faq and portal_clause); the best match
 * answers, with its source clause shown, and the customer's own policies of that line are added as facts. A question
 * that matches nothing well enough is not guessed at: the customer is offered a callback.
 */
@Service
public class ServiceAssistant {

    /** Below this BM25 score the best match is not trusted (tuned on the 50 test questions and off-topic ones). */
    static final float MIN_SCORE = 4.0f;
    /** At least this many distinct words of the question must occur in the best entry. */
    static final int MIN_MATCHED = 2;

    public record Source(String code, String title, String body) {
    }

    public record Answer(boolean found, String question, String text, String kind, String line, Source source,
                         List<PortalPolicy> facts, float score) {
    }

    private final JdbcClient jdbc;
    private final PortalBook book;
    private final PortalSettings settings;
    private volatile AssistantIndex index;

    ServiceAssistant(JdbcClient jdbc, PortalBook book, PortalSettings settings) {
        this.jdbc = jdbc;
        this.book = book;
        this.settings = settings;
    }

    /** Answers the question for the customer (null: without policy facts). */
    public Answer answer(Long customerId, String rawQuestion) {
        String question = rawQuestion == null ? "" : rawQuestion.strip();
        if (question.isEmpty()) {
            throw new PortalRefused("portal.assistant.empty");
        }
        if (question.length() > settings.questionMaxChars()) {
            throw new PortalRefused("portal.assistant.tooLong", settings.questionMaxChars(), question.length());
        }
        AssistantIndex.Hit hit = index().best(question).orElse(null);
        if (hit == null || hit.entry() == null) {
            return new Answer(false, question, null, null, null, null, List.of(), hit == null ? 0 : hit.score());
        }
        AssistantIndex.Entry entry = hit.entry();
        Source source = entry.source() == null ? null : clause(entry.source());
        String line = entry.line();
        List<PortalPolicy> facts = customerId == null ? List.of() : book.policies(customerId).stream()
                .filter(p -> p.status().equals("ACTIVE") && (line.equals("GENERAL") || p.line().equals(line)))
                .toList();
        return new Answer(true, question, entry.answer(), entry.kind(), line, source, facts, hit.score());
    }

    /** Rebuilds the index from the tables (after the FAQ changed). */
    public synchronized void reindex() {
        index = build();
    }

    private AssistantIndex index() {
        AssistantIndex current = index;
        if (current == null) {
            synchronized (this) {
                if (index == null) {
                    index = build();
                }
                current = index;
            }
        }
        return current;
    }

    private AssistantIndex build() {
        List<AssistantIndex.Entry> entries = new ArrayList<>();
        entries.addAll(jdbc.sql("select code, line, title, body from portal_clause order by code")
                .query((rs, n) -> new AssistantIndex.Entry("CLAUSE", rs.getString("code"), rs.getString("line"),
                        rs.getString("title"), rs.getString("body"), rs.getString("body"))).list());
        entries.addAll(jdbc.sql("""
                        select f.code, coalesce(f.line, c.line, 'GENERAL') line, f.question, f.answer, f.clause_code
                          from portal_faq f left join portal_clause c on c.code = f.clause_code order by f.code""")
                .query((rs, n) -> new AssistantIndex.Entry("FAQ", rs.getString("clause_code"), rs.getString("line"),
                        rs.getString("question"), rs.getString("answer"), rs.getString("answer"))).list());
        return new AssistantIndex(entries, MIN_SCORE, MIN_MATCHED);
    }

    private Source clause(String code) {
        return jdbc.sql("select code, title, body from portal_clause where code = :code").param("code", code)
                .query((rs, n) -> new Source(rs.getString("code"), rs.getString("title"), rs.getString("body")))
                .optional().orElse(null);
    }

    /** The FAQ entries, for the staff page. */
    public List<FaqEntry> faq() {
        return jdbc.sql("select code, line, question, answer, clause_code, updated_at, updated_by from portal_faq order by code")
                .query((rs, n) -> new FaqEntry(rs.getString("code"), rs.getString("line"), rs.getString("question"),
                        rs.getString("answer"), rs.getString("clause_code"), rs.getString("updated_by")))
                .list();
    }

    public List<Source> clauses() {
        return new ArrayList<>(jdbc.sql("select code, title, body from portal_clause order by code")
                .query((rs, n) -> new Source(rs.getString("code"), rs.getString("title"), rs.getString("body"))).list());
    }

    /**
     * Adds or changes an FAQ entry (by its code) and rebuilds the index, so the next question sees it.
     *
     * @throws io.insurecrm.platform.web.FieldRuleViolation naming the field that is missing, too long or unknown
     */
    @org.springframework.transaction.annotation.Transactional
    public void save(FaqEntry entry, String by) {
        require("code", entry.code(), 30, "[A-Za-z0-9-]+");
        require("question", entry.question(), 200, null);
        require("answer", entry.answer(), 2000, null);
        String clause = entry.clauseCode() == null || entry.clauseCode().isBlank() ? null : entry.clauseCode().strip();
        if (clause != null && clause(clause) == null) {
            throw new io.insurecrm.platform.web.FieldRuleViolation("clauseCode", "portal.faq.clauseUnknown", clause);
        }
        String line = entry.line() == null || entry.line().isBlank() ? null : entry.line().strip();
        jdbc.sql("""
                        insert into portal_faq as f (code, line, question, answer, clause_code, updated_at, updated_by)
                        values (:code, :line, :question, :answer, :clause, now(), :by)
                        on conflict (code) do update set line = excluded.line, question = excluded.question,
                            answer = excluded.answer, clause_code = excluded.clause_code, updated_at = now(),
                            updated_by = excluded.updated_by, version = f.version + 1""")
                .param("code", entry.code().strip()).param("line", line).param("question", entry.question().strip())
                .param("answer", entry.answer().strip()).param("clause", clause).param("by", by).update();
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        reindex();
                    }
                });
    }

    private static void require(String field, String value, int max, String pattern) {
        if (value == null || value.isBlank()) {
            throw new io.insurecrm.platform.web.FieldRuleViolation(field, "validation.required");
        }
        if (value.strip().length() > max) {
            throw new io.insurecrm.platform.web.FieldRuleViolation(field, "portal.faq.tooLong", max);
        }
        if (pattern != null && !value.strip().matches(pattern)) {
            throw new io.insurecrm.platform.web.FieldRuleViolation(field, "portal.faq.codeFormat");
        }
    }

    public record FaqEntry(String code, String line, String question, String answer, String clauseCode, String updatedBy) {
    }
}
