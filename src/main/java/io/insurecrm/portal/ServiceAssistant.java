package io.insurecrm.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
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

    public record Source(String code, String title, String body) {
    }

    public record Answer(boolean found, String question, String text, String kind, String line, Source source,
                         List<PortalPolicy> facts, float score) {
    }

    private final JdbcClient jdbc;
    private final PortalBook book;
    private final PortalSettings settings;
    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private volatile IndexSearcher searcher;

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
        try {
            IndexSearcher current = searcher();
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            for (String term : terms(question)) {
                query.add(new BoostQuery(new TermQuery(new Term("title", term)), 2f), BooleanClause.Occur.SHOULD);
                query.add(new TermQuery(new Term("body", term)), BooleanClause.Occur.SHOULD);
            }
            ScoreDoc[] hits = current.search(query.build(), 1).scoreDocs;
            if (hits.length == 0 || hits[0].score < MIN_SCORE) {
                return new Answer(false, question, null, null, null, null, List.of(), hits.length == 0 ? 0 : hits[0].score);
            }
            Document doc = current.storedFields().document(hits[0].doc);
            String sourceCode = doc.get("source");
            Source source = sourceCode == null ? null : clause(sourceCode);
            String line = doc.get("line");
            List<PortalPolicy> facts = customerId == null ? List.of() : book.policies(customerId).stream()
                    .filter(p -> p.status().equals("ACTIVE") && (line.equals("GENERAL") || p.line().equals(line)))
                    .toList();
            return new Answer(true, question, doc.get("answer"), doc.get("kind"), line, source, facts, hits[0].score);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rebuilds the index from the tables (after the FAQ changed). */
    public synchronized void reindex() {
        searcher = build();
    }

    private IndexSearcher searcher() {
        IndexSearcher current = searcher;
        if (current == null) {
            synchronized (this) {
                if (searcher == null) {
                    searcher = build();
                }
                current = searcher;
            }
        }
        return current;
    }

    private IndexSearcher build() {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        List<Document> documents = new ArrayList<>();
        documents.addAll(jdbc.sql("select code, line, title, body from portal_clause")
                .query((rs, n) -> document("CLAUSE", rs.getString("code"), rs.getString("line"), rs.getString("title"),
                        rs.getString("body"), rs.getString("body"))).list());
        documents.addAll(jdbc.sql("""
                        select f.code, coalesce(f.line, c.line, 'GENERAL') line, f.question, f.answer, f.clause_code
                          from portal_faq f left join portal_clause c on c.code = f.clause_code""")
                .query((rs, n) -> document("FAQ", rs.getString("clause_code"), rs.getString("line"),
                        rs.getString("question"), rs.getString("answer"), rs.getString("answer"))).list());
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            writer.addDocuments(documents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(String kind, String source, String line, String title, String body, String answer) {
        Document doc = new Document();
        doc.add(new StringField("kind", kind, Field.Store.YES));
        if (source != null) {
            doc.add(new StringField("source", source, Field.Store.YES));
        }
        doc.add(new StringField("line", line, Field.Store.YES));
        doc.add(new TextField("title", title, Field.Store.NO));
        doc.add(new TextField("body", body, Field.Store.NO));
        doc.add(new StoredField("answer", answer));
        return doc;
    }

    private Set<String> terms(String text) throws IOException {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
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
