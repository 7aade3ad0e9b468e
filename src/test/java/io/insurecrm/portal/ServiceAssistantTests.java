package io.insurecrm.portal;

import io.insurecrm.platform.web.FieldRuleViolation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service assistant against the 50 typical questions of src/test/resources/portal/assistant-questions.csv: how
 * many get the expected clause as the first source (printed; at least 38 of 50 required, the figure measured when the set was written), off-topic questions get
 * no guessed answer, bad questions get a clear refusal, and an FAQ edit is answered from at once.
 */
@SpringBootTest
class ServiceAssistantTests {

    @Autowired
    ServiceAssistant assistant;
    @Autowired
    JdbcClient jdbc;

    record Question(String text, String expected) {
    }

    static List<Question> questions() throws IOException {
        List<Question> questions = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("portal/assistant-questions.csv").getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("question,")) {
                    continue;
                }
                int comma = line.lastIndexOf(',');
                questions.add(new Question(line.substring(0, comma), line.substring(comma + 1)));
            }
        }
        return questions;
    }

    @Test
    void theRightClauseComesFirstForAtLeast38OfThe50TypicalQuestions() throws IOException {
        List<Question> questions = questions();
        assertThat(questions).hasSize(50);
        int right = 0;
        List<String> misses = new ArrayList<>();
        for (Question question : questions) {
            ServiceAssistant.Answer answer = assistant.answer(null, question.text());
            String source = answer.found() && answer.source() != null ? answer.source().code() : "none";
            if (source.equals(question.expected())) {
                right++;
            } else {
                misses.add(question.text() + " -> " + source + " (expected " + question.expected() + ", score " + answer.score() + ")");
            }
        }
        System.out.println("Service assistant: right clause first for " + right + " of " + questions.size() + " questions");
        misses.forEach(miss -> System.out.println("  miss: " + miss));
        assertThat(right).as(String.join("\n", misses)).isGreaterThanOrEqualTo(38);
    }

    @Test
    void offTopicQuestionsAreNotGuessedAt() {
        for (String question : List.of("今天北京天气怎么样？", "帮我订一张去上海的火车票", "推荐一家好吃的火锅店")) {
            assertThat(assistant.answer(null, question).found()).as(question).isFalse();
        }
    }

    @Test
    void anEmptyOrTenThousandCharacterQuestionIsRefusedWithTheLimitNamed() {
        assertThatThrownBy(() -> assistant.answer(null, "  ")).isInstanceOf(PortalRefused.class)
                .extracting(e -> ((PortalRefused) e).messageKey()).isEqualTo("portal.assistant.empty");
        assertThatThrownBy(() -> assistant.answer(null, "保".repeat(10_000))).isInstanceOf(PortalRefused.class)
                .satisfies(e -> {
                    assertThat(((PortalRefused) e).messageKey()).isEqualTo("portal.assistant.tooLong");
                    assertThat(((PortalRefused) e).arguments()).containsExactly(500, 10_000);
                });
    }

    @Test
    void anEditedFaqEntryIsAnsweredFromAtOnceAndAnUnknownClauseIsRefused() {
        String code = "FAQ-T" + io.insurecrm.fixtures.BookFixtures.next();
        assistant.save(new ServiceAssistant.FaqEntry(code, "HOME_PROPERTY", "家里的猫抓坏了邻居的沙发赔不赔",
                "宠物造成第三者财产损失，以个人责任保险附加条款约定为准。", "LIA-1", null), "admin");
        ServiceAssistant.Answer answer = assistant.answer(null, "猫抓坏了邻居沙发能赔吗");
        assertThat(answer.found()).isTrue();
        assertThat(answer.text()).contains("宠物造成第三者财产损失");
        assertThat(answer.source().code()).isEqualTo("LIA-1");
        assertThatThrownBy(() -> assistant.save(new ServiceAssistant.FaqEntry(code, null, "问题", "回答", "NO-SUCH", null), "admin"))
                .isInstanceOf(FieldRuleViolation.class).extracting(e -> ((FieldRuleViolation) e).field()).isEqualTo("clauseCode");
        jdbc.sql("delete from portal_faq where code = :c").param("c", code).update();
        assistant.reindex();
    }
}
