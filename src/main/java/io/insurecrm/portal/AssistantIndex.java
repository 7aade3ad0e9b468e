package io.insurecrm.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
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

/**
 * The assistant's full-text index (Lucene, in memory): FAQ entries and clauses, segmented by smartcn's
 * SmartChineseAnalyzer. A question is segmented the same way; each word is looked for in the title (FAQ question or
 * clause heading, weighted 2), the text, and the words that name the entry's product line (weighted 1.5, so 车险 or
 * 医疗险 in a question favours that line). The best entry counts only when at least {@code minMatched} distinct
 * question words occur in it and its score reaches {@code minScore}.
 */
final class AssistantIndex {

    /** An FAQ entry or a clause; {@code source} is the clause code shown as the source of the answer. */
    record Entry(String kind, String source, String line, String title, String body, String answer) {
    }

    record Hit(Entry entry, float score, int matched) {
    }

    /** Words that name each product line in customers' questions. */
    static final Map<String, String> LINE_WORDS = Map.ofEntries(
            Map.entry("ACCIDENT", "意外险 意外 意外伤害"),
            Map.entry("MEDICAL", "医疗险 百万医疗 医疗 住院 报销"),
            Map.entry("CRITICAL_ILLNESS", "重疾险 重疾 重大疾病 癌症 轻症"),
            Map.entry("TERM_LIFE", "定期寿险 寿险 身故"),
            Map.entry("WHOLE_LIFE", "终身寿险 增额终身寿 终身寿 现金价值 保单贷款"),
            Map.entry("ANNUITY", "年金险 年金 养老金 养老"),
            Map.entry("EDUCATION", "教育金 少儿 孩子 大学"),
            Map.entry("LONG_TERM_CARE", "护理险 护理 失能"),
            Map.entry("HOME_PROPERTY", "家财险 家庭财产 房屋 家里"),
            Map.entry("CORPORATE_PROPERTY", "企业财产险 企财险 企业 工厂 仓库"),
            Map.entry("MOTOR", "车险 车损险 车辆 机动车 车子"),
            Map.entry("LIABILITY", "责任险 责任 第三者 邻居"),
            Map.entry("GENERAL", "保单 保费 续保 理赔"));

    /**
     * Function words of customers' questions that say nothing about the subject (smartcn's own list holds only
     * punctuation); without them an off-topic question cannot match on 吗 and 会 alone.
     */
    static final List<String> STOP_WORDS = List.of("的", "了", "吗", "呢", "吧", "啊", "呀", "么", "是", "在", "我", "我的",
            "我们", "你", "你们", "他", "她", "它", "把", "被", "能", "会", "可以", "要", "想", "还", "都", "也", "就", "才", "又",
            "和", "与", "及", "或", "从", "对", "给", "让", "怎么", "怎么样", "怎样", "什么", "多少", "哪", "哪些", "如何",
            "为什么", "一", "个", "一个", "这", "那", "这个", "那个", "有", "没有", "不", "里", "上", "下", "后", "内", "之内",
            "之后", "以后", "去", "来", "做", "帮", "张", "花", "请问", "请", "吗？", "多", "长", "时间", "管", "算");

    private static final Analyzer ANALYZER = new SmartChineseAnalyzer(stopWords());

    private static org.apache.lucene.analysis.CharArraySet stopWords() {
        org.apache.lucene.analysis.CharArraySet set = new org.apache.lucene.analysis.CharArraySet(
                SmartChineseAnalyzer.getDefaultStopSet(), false);
        set.addAll(STOP_WORDS);
        return set;
    }

    /** Overlapping character pairs (CJKAnalyzer), which catch words the segmenter cut differently. */
    private static final Analyzer BIGRAMS = new org.apache.lucene.analysis.cjk.CJKAnalyzer();
    private static final float BIGRAM_WEIGHT = 0.5f;

    private final List<Entry> entries;
    private final IndexSearcher searcher;
    private final float minScore;
    private final int minMatched;

    AssistantIndex(List<Entry> entries, float minScore, int minMatched) {
        this.entries = List.copyOf(entries);
        this.minScore = minScore;
        this.minMatched = minMatched;
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        Analyzer perField = new org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper(ANALYZER, Map.of("bi", BIGRAMS));
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(perField))) {
            for (int i = 0; i < this.entries.size(); i++) {
                Entry entry = this.entries.get(i);
                Document doc = new Document();
                doc.add(new StoredField("n", i));
                doc.add(new TextField("title", entry.title(), Field.Store.NO));
                doc.add(new TextField("body", entry.body(), Field.Store.NO));
                doc.add(new TextField("bi", entry.title() + " " + entry.body(), Field.Store.NO));
                doc.add(new TextField("line", LINE_WORDS.getOrDefault(entry.line(), ""), Field.Store.NO));
                writer.addDocument(doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            searcher = new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Hit> best(String question) {
        try {
            Set<String> words = words(question);
            if (words.isEmpty()) {
                return Optional.empty();
            }
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            for (String word : words) {
                query.add(new BoostQuery(new TermQuery(new Term("title", word)), 2f), BooleanClause.Occur.SHOULD);
                query.add(new TermQuery(new Term("body", word)), BooleanClause.Occur.SHOULD);
                query.add(new BoostQuery(new TermQuery(new Term("line", word)), 1.5f), BooleanClause.Occur.SHOULD);
            }
            for (String bigram : tokens(BIGRAMS, question)) {
                query.add(new BoostQuery(new TermQuery(new Term("bi", bigram)), BIGRAM_WEIGHT), BooleanClause.Occur.SHOULD);
            }
            ScoreDoc[] hits = searcher.search(query.build(), 1).scoreDocs;
            if (hits.length == 0) {
                return Optional.empty();
            }
            Entry entry = entries.get(searcher.storedFields().document(hits[0].doc).getField("n").numericValue().intValue());
            Set<String> inEntry = words(entry.title() + " " + entry.body() + " " + LINE_WORDS.getOrDefault(entry.line(), ""));
            int matched = (int) words.stream().filter(inEntry::contains).count();
            Hit hit = new Hit(entry, hits[0].score, matched);
            return hit.score() >= minScore && matched >= minMatched ? Optional.of(hit) : Optional.of(new Hit(null, hit.score(), matched));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct words of a text as the index sees them (punctuation and stop words dropped). */
    static Set<String> words(String text) throws IOException {
        return tokens(ANALYZER, text);
    }

    private static Set<String> tokens(Analyzer analyzer, String text) throws IOException {
        Set<String> words = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        }
        return words;
    }
}
