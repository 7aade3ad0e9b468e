package io.insurecrm.crosssell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurecrm.fixtures.BookFixtures;
import io.insurecrm.fixtures.Staff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.security.Role;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.product.ProductLine;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cross-sell against PostgreSQL: household gaps and the pack, questionnaires, rule versions, and the per-line models
 * trained on a small book, their target lists and next-best products. Every test rolls back (a training run too).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class CrossSellBookTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired CoverageGaps gaps;
    @Autowired ModelTraining training;
    @Autowired Recommendations recommendations;
    @Autowired PropensityModels models;

    private void stage(long customerId, String segment) {
        jdbc.sql("""
                        insert into segment_placement (customer_id, dimension, segment, rule_set_id, reason, valid_from)
                        select :c, 'LIFE_STAGE', :s, id, 'test', date '2026-01-01' from segment_rule_set
                         where dimension = 'LIFE_STAGE' and active""").param("c", customerId).param("s", segment).update();
    }

    private void value(long customerId, String segment) {
        jdbc.sql("""
                        insert into segment_placement (customer_id, dimension, segment, rule_set_id, reason, valid_from)
                        select :c, 'VALUE', :s, id, 'test', date '2026-01-01' from segment_rule_set
                         where dimension = 'VALUE' and active""").param("c", customerId).param("s", segment).update();
    }

    /** The default incentives (v1) active again, whatever other tests saved. */
    private void defaultIncentives() {
        jdbc.sql("update crosssell_incentive_set set active = false where active").update();
        jdbc.sql("update crosssell_incentive_set set active = true where version = 1").update();
    }

    private void consent(long customerId, String purpose, boolean granted) {
        jdbc.sql("""
                        insert into consent (customer_id, purpose, granted, source, notice_version, recorded_at, recorded_by)
                        values (:c, :p, :g, 'PAPER_FORM', 'test', now(), 'test')""")
                .param("c", customerId).param("p", purpose).param("g", granted).update();
    }

    @Test
    void theHouseholdsGapsNameEveryMemberAndThePackPricesOneProductPerGap() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        LocalDate today = LocalDate.now();
        long head = book.individual("张建国", today.minusYears(38).minusDays(10), true, "33", agent);
        long spouse = book.individual("李秀英", today.minusYears(36).minusDays(10), false, "33", agent);
        long child = book.individual("张小宝", today.minusYears(1).minusDays(10), true, "33", agent);
        long parent = book.individual("张老汉", today.minusYears(70).minusDays(10), true, "33", agent);
        long household = book.household("张家", head);
        book.member(household, spouse, "SPOUSE");
        book.member(household, child, "CHILD");
        book.member(household, parent, "PARENT");
        jdbc.sql("update household_member set joined_on = :d where customer_id = :c").param("d", today.minusMonths(2))
                .param("c", child).update();
        stage(head, "SUPPORTING");
        stage(spouse, "SUPPORTING");
        stage(parent, "SENIOR");
        long termLife = book.product("定期寿险", "Term life", "TERM_LIFE", "ADVANCED");
        long medical = book.product("长者医疗", "Senior medical", "MEDICAL", "BASIC");
        // the head's term life: 2,000 a year, sum insured 200,000; a senior of about the parent's age pays 900 for medical
        book.policy(head, termLife, "ACTIVE", today.minusMonths(6), today.plusYears(19), "2000");
        long otherSenior = book.individual("同龄老人", today.minusYears(68), false, "33", agent);
        book.policy(otherSenior, medical, "ACTIVE", today.minusMonths(1), today.plusMonths(11), "900");

        FamilyView view = gaps.family(child, DataScope.ownBook(agent));

        assertThat(view.householdName()).isEqualTo("张家");
        assertThat(view.members()).extracting(FamilyView.Member::customerId).containsExactly(head, spouse, parent, child);
        Map<Long, List<String>> codes = view.members().stream().collect(java.util.stream.Collectors.toMap(
                FamilyView.Member::customerId, m -> m.gaps().stream().map(Gap::ruleCode).toList()));
        assertThat(codes.get(head)).containsExactly("FAMILY_LIFE_COVER", "CHILD_EDUCATION", "HEAD_ACCIDENT");
        assertThat(codes.get(spouse)).containsExactly("FAMILY_LIFE_COVER", "CHILD_EDUCATION");
        assertThat(codes.get(child)).containsExactly("NEW_MEMBER_UNCOVERED", "CHILD_MEDICAL");
        assertThat(codes.get(parent)).containsExactly("SENIOR_MEDICAL", "SENIOR_LONG_TERM_CARE", "PARENT_MEDICAL");
        Gap lifeCover = view.members().get(0).gaps().get(0);
        // need = 225,000 (income band midpoint) × 5 + 1 child × 300,000 = 1,425,000 against 200,000
        assertThat(lifeCover.cover()).isEqualByComparingTo("200000");
        assertThat(lifeCover.need()).isEqualByComparingTo("1425000");
        assertThat(lifeCover.explanationZh()).isEqualTo("张建国的寿险保额 200,000 元低于房贷、五年收入与子女教育所需的 1,425,000 元，建议补充定期寿险");

        // the parent's two medical gaps give one pack item, priced from people of about his age
        List<FamilyView.Item> parentItems = view.pack().items().stream().filter(i -> i.memberId() == parent).toList();
        assertThat(parentItems).extracting(FamilyView.Item::line).contains(ProductLine.MEDICAL);
        FamilyView.Item parentMedical = parentItems.stream().filter(i -> i.line() == ProductLine.MEDICAL).findFirst().orElseThrow();
        assertThat(parentMedical.ruleCodes()).containsExactly("SENIOR_MEDICAL", "PARENT_MEDICAL");
        assertThat(view.pack().total()).isEqualByComparingTo(view.pack().items().stream()
                .map(FamilyView.Item::referencePremium).filter(java.util.Objects::nonNull)
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));

        mvc.perform(get("/crosssell/customers/{id}/family", head).with(Staff.agent(agent)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("张老汉已 70 岁，没有医疗险，建议配置长者医疗险")))
                .andExpect(content().string(containsString("id=\"pack-total\"")));
        mvc.perform(get("/crosssell/customers/{id}/panel", head).with(Staff.agent(agent)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("张建国 heads the household but has no accident cover")));
        mvc.perform(get("/api/crosssell/customers/{id}/family", head).with(Staff.agent(agent + 1_000_000)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aCustomerWithoutIncomeBandGetsHisGapsWithTheIncomeCountedAsUnknown() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long customer = book.individual("收入未知", LocalDate.now().minusYears(40), true, "33", agent);
        jdbc.sql("update customer set income_band = null where id = :id").param("id", customer).update();
        stage(customer, "SUPPORTING");

        FamilyView view = gaps.family(customer, DataScope.ownBook(agent));
        assertThat(view.members()).extracting(FamilyView.Member::customerId).containsExactly(customer);
        mvc.perform(get("/crosssell/customers/{id}/panel", customer).with(Staff.agent(agent)))
                .andExpect(status().isOk());
    }

    @Test
    void questionnairesRefuseAbsurdAnswersByFieldAndStoreTheReport() throws Exception {
        mvc.perform(post("/api/crosssell/questionnaires").with(Staff.agent(7L)).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"respondent\":\"王强\",\"age\":200,\"maritalStatus\":\"MARRIED\",\"annualIncome\":-1,"
                                + "\"children\":0,\"parents\":0,\"mortgage\":0,\"lifeCover\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("age", "annualIncome")))
                .andExpect(jsonPath("$.errors[0].message").value("200 is not between 0 and 120"));
        String created = mvc.perform(post("/api/crosssell/questionnaires").with(Staff.agent(7L))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"respondent\":\"王强\",\"age\":33,\"maritalStatus\":\"MARRIED\",\"annualIncome\":300000,"
                                + "\"children\":1,\"youngestChild\":0,\"newChild\":true,\"parents\":0,\"mortgage\":2000000,"
                                + "\"lifeCover\":1000000,\"heldLines\":[\"MEDICAL\"]}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.lifeStage").value("NEW_FAMILY"))
                .andExpect(jsonPath("$.gaps[*].ruleCode").value(hasItem("FAMILY_LIFE_COVER")))
                .andExpect(jsonPath("$.gaps[*].ruleCode").value(hasItem("NEW_MEMBER_UNCOVERED")))
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll("^\\{\"id\":(\\d+),.*$", "$1"));
        mvc.perform(get("/crosssell/questionnaires/{id}", id).with(Staff.agent(7L)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("王强 的保障缺口报告")));
        StaffPrincipal stranger = new StaffPrincipal(99L, "stranger", "{noop}x", "外人", Role.AGENT, 8L, null, true);
        mvc.perform(get("/api/crosssell/questionnaires/{id}", id).with(Staff.signedIn(stranger)))
                .andExpect(status().isNotFound());
        // the page shows field errors, not a 400 page
        mvc.perform(post("/crosssell/questionnaires").with(Staff.agent(7L)).with(csrf())
                        .param("respondent", "").param("age", "abc").param("annualIncome", "-5").param("children", "0")
                        .param("parents", "0").param("mortgage", "0").param("lifeCover", "0").param("maritalStatus", "SINGLE"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-field=\"age\"")))
                .andExpect(content().string(containsString("不能为负数（-5）")));
    }

    @Test
    void rulesAreSavedAsANewVersionOnlyWhenValid() throws Exception {
        GapRuleSet before = new GapRules(jdbc, java.time.Clock.systemUTC()).active();
        mvc.perform(put("/api/crosssell/rules").with(Staff.analyst()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"basedOnVersion\":" + before.version() + ",\"reason\":\"test\",\"rules\":"
                                + "[{\"code\":\"X\",\"kind\":\"MISSING_LINE\",\"lifeStages\":[\"MARTIAN\"],\"condition\":\"NONE\","
                                + "\"lines\":[\"MEDICAL\"],\"suggestLine\":\"MEDICAL\",\"explanationZh\":\"a\",\"explanationEn\":\"b\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("code", "lifeStages")));
        mvc.perform(put("/api/crosssell/rules").with(Staff.analyst())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"basedOnVersion\":" + before.version() + ",\"reason\":\"test\",\"rules\":"
                                + "[{\"code\":\"SENIOR_MEDICAL\",\"kind\":\"MISSING_LINE\",\"lifeStages\":[\"SENIOR\"],\"condition\":\"NONE\","
                                + "\"lines\":[\"MEDICAL\"],\"suggestLine\":\"MEDICAL\",\"explanationZh\":\"{name}没有医疗险\","
                                + "\"explanationEn\":\"{name} has no medical cover\"}]}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(before.version() + 1))
                .andExpect(jsonPath("$.rules.length()").value(1));
        mvc.perform(post("/crosssell/rules").with(Staff.admin()).with(csrf()).param("lang", "en")
                        .param("rows[0].code", "SENIOR_MEDICAL").param("rows[0].kind", "MISSING_LINE")
                        .param("rows[0].condition", "NONE").param("rows[0].lines", "MEDICAL, DENTAL")
                        .param("rows[0].suggestLine", "MEDICAL").param("rows[0].minAge", "70").param("rows[0].maxAge", "60")
                        .param("rows[0].explanationZh", "x").param("rows[0].explanationEn", "y"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Rule 1, Lines: unknown value DENTAL")));
        mvc.perform(post("/crosssell/rules").with(Staff.agent(7L)).with(csrf()).param("rows[0].code", "X"))
                .andExpect(status().isForbidden());
    }

    @Test
    void thePagesWithoutCustomerDataRender() throws Exception {
        BookFixtures book = new BookFixtures(jdbc);
        long a = book.product("甲产品", "Product A", "MEDICAL", "BASIC");
        long b = book.product("乙产品", "Product B", "MEDICAL", "BASIC");
        for (String page : List.of("/crosssell", "/crosssell/rules", "/crosssell/models", "/crosssell/compare")) {
            mvc.perform(get(page).with(Staff.analyst())).andExpect(status().isOk());
        }
        mvc.perform(get("/crosssell/rules").with(Staff.analyst())).andExpect(content().string(containsString("id=\"rules-form\"")));
        mvc.perform(get("/crosssell/rules").with(Staff.agent(7L))).andExpect(content().string(containsString("id=\"rules-view\"")));
        mvc.perform(get("/crosssell/questionnaires/new").with(Staff.agent(7L))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"questionnaire-form\"")));
        mvc.perform(get("/crosssell/compare").param("products", a + "," + b).with(Staff.agent(7L)).param("lang", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Product B")))
                .andExpect(content().string(containsString("id=\"comparison\"")));
        mvc.perform(get("/crosssell/compare").param("products", String.valueOf(a)).with(Staff.agent(7L)).param("lang", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Choose 2 to 4 products (1 chosen)")));
        mvc.perform(get("/api/crosssell/products/compare").param("ids", a + "," + b + ",999999999").with(Staff.agent(7L)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("products"));
    }

    @Test
    void withoutATrainedModelTheListsSaySoAndAreNeverFilled() throws Exception {
        jdbc.sql("delete from crosssell_score_run").update();
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long customer = book.individual("未训练客户", agent);
        consent(customer, "ANALYTICS", true);

        assertThat(recommendations.forCustomer(customer, DataScope.all(), 3).status()).isEqualTo(NextBest.Status.NOT_TRAINED);
        assertThat(recommendations.targets(ProductLine.MEDICAL, 100, DataScope.all()).status()).isEqualTo(NextBest.Status.NOT_TRAINED);
        mvc.perform(get("/api/crosssell/targets").param("line", "MEDICAL").with(Staff.agent(agent)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("NOT_TRAINED"))
                .andExpect(jsonPath("$.targets.length()").value(0));
        mvc.perform(get("/crosssell/targets.csv").param("line", "MEDICAL").with(Staff.agent(agent)).param("lang", "en"))
                .andExpect(status().isConflict()).andExpect(content().string(containsString("No model is trained yet")));
        mvc.perform(get("/crosssell/customers/{id}/panel", customer).with(Staff.agent(agent)).param("lang", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("not trained yet")));
    }

    @Test
    void perLineModelsLearnFromHoldingsAndRankOnlyConsentedNonHolders() throws Exception {
        jdbc.sql("update crosssell_training_run set status = 'FAILED' where status = 'RUNNING'").update();
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long accident = book.product("意外险", "Accident", "ACCIDENT", "BASIC");
        long medical = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        LocalDate start = LocalDate.now().minusMonths(1);
        LocalDate end = LocalDate.now().plusMonths(11);
        Long accidentNoMedicalWithMarketing = null;
        Long accidentNoMedicalWithoutMarketing = null;
        int expectedTargets = 0;
        for (int i = 0; i < 300; i++) {
            long c = book.individual("模型客户" + i, agent);
            consent(c, "ANALYTICS", true);
            consent(c, "MARKETING", i % 2 == 0);
            boolean hasAccident = i < 150;
            // most accident holders hold medical too, few others do (patterns unrelated to the hold-out, ids divisible by 5)
            boolean hasMedical = hasAccident ? i % 7 != 3 : i % 13 == 0;
            if (i % 2 == 0 && !hasMedical) {
                expectedTargets++;
            }
            if (hasAccident) {
                book.policy(c, accident, "ACTIVE", start, end, "200");
            }
            if (hasMedical) {
                book.policy(c, medical, "ACTIVE", start, end, "800");
            }
            if (hasAccident && !hasMedical) {
                if (i % 2 == 0 && accidentNoMedicalWithMarketing == null) {
                    accidentNoMedicalWithMarketing = c;
                } else if (i % 2 == 1 && accidentNoMedicalWithoutMarketing == null) {
                    accidentNoMedicalWithoutMarketing = c;
                }
            }
        }
        TrainingRun run = training.runNow("test");

        assertThat(run.status()).as(run.message()).isEqualTo("DONE");
        assertThat(run.percent()).isEqualTo(100);
        LineModel medicalModel = models.latest().get(ProductLine.MEDICAL);
        assertThat(medicalModel.version()).isEqualTo(run.modelVersion());
        assertThat(medicalModel.features()).doesNotContain("holds.MEDICAL").contains("holds.ACCIDENT");
        assertThat(medicalModel.auc()).isGreaterThan(0.75);

        TargetList list = recommendations.targets(ProductLine.MEDICAL, 5000, DataScope.ownBook(agent));
        assertThat(list.status()).isEqualTo(NextBest.Status.OK);
        List<Long> ids = list.targets().stream().map(TargetList.Target::customerId).toList();
        assertThat(ids).contains(accidentNoMedicalWithMarketing).doesNotContain(accidentNoMedicalWithoutMarketing);
        // the marketing-consented customers without medical, and no one else
        assertThat(ids).hasSize(expectedTargets);
        assertThat(list.targets().get(0).reasons()).extracting(Propensity.Reason::feature).contains("holds.ACCIDENT");
        assertThat(list.targets()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));

        NextBest best = recommendations.forCustomer(accidentNoMedicalWithoutMarketing, DataScope.ownBook(agent), 12);
        assertThat(best.status()).isEqualTo(NextBest.Status.OK);
        assertThat(best.recommendations()).extracting(NextBest.Recommendation::line)
                .contains(ProductLine.MEDICAL).doesNotContain(ProductLine.ACCIDENT);
        NextBest.Recommendation medicalForHim = best.recommendations().stream()
                .filter(r -> r.line() == ProductLine.MEDICAL).findFirst().orElseThrow();
        assertThat(medicalForHim.reasons().get(0).feature()).isEqualTo("holds.ACCIDENT");

        // the incentive of the customer's VALUE tier (default v1): HIGH has its own for medical, MIDDLE one for any line
        defaultIncentives();
        value(accidentNoMedicalWithoutMarketing, "HIGH");
        value(accidentNoMedicalWithMarketing, "MIDDLE");
        NextBest high = recommendations.forCustomer(accidentNoMedicalWithoutMarketing, DataScope.ownBook(agent), 12);
        assertThat(high.valueTier()).isEqualTo("HIGH");
        assertThat(high.recommendations()).filteredOn(r -> r.line() == ProductLine.MEDICAL)
                .extracting(r -> r.incentive().code()).containsExactly("HIGH_HEALTH_CHECK");
        assertThat(high.recommendations()).filteredOn(r -> r.line() != ProductLine.MEDICAL)
                .allSatisfy(r -> assertThat(r.incentive().code()).isEqualTo("HIGH_SECOND_CONTRACT"));
        long middleCustomer = accidentNoMedicalWithMarketing;
        TargetList.Target middle = recommendations.targets(ProductLine.MEDICAL, 5000, DataScope.ownBook(agent)).targets().stream()
                .filter(t -> t.customerId() == middleCustomer).findFirst().orElseThrow();
        assertThat(middle.valueTier()).isEqualTo("MIDDLE");
        assertThat(middle.incentive().code()).isEqualTo("MIDDLE_SECOND_CONTRACT");
        mvc.perform(get("/api/crosssell/customers/{id}/next-best", accidentNoMedicalWithoutMarketing).param("limit", "12")
                        .with(Staff.agent(agent)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.valueTier").value("HIGH"))
                .andExpect(jsonPath("$.recommendations[?(@.line == 'MEDICAL')].incentive.code").value(hasItem("HIGH_HEALTH_CHECK")));
        mvc.perform(get("/crosssell/targets.csv").param("line", "MEDICAL").with(Staff.agent(agent)).param("lang", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("holds accident (+")))
                .andExpect(content().string(containsString("5% off the first-year premium of the second contract")));
        mvc.perform(get("/crosssell/targets").param("line", "MEDICAL").with(Staff.agent(agent)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("data-incentive=\"MIDDLE_SECOND_CONTRACT\"")))
                .andExpect(content().string(containsString("第二份保单首年保费九五折")));
        mvc.perform(get("/crosssell/customers/{id}/panel", accidentNoMedicalWithoutMarketing).with(Staff.agent(agent))
                        )
                .andExpect(status().isOk()).andExpect(content().string(containsString("已持有意外险 (+")))
                .andExpect(content().string(containsString("客户价值层级：高价值")))
                .andExpect(content().string(containsString("class=\"incentive\"")))
                .andExpect(content().string(not(containsString("尚未训练"))));
        mvc.perform(get("/crosssell/targets").param("line", "MEDICAL").with(Staff.agent(agent)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"targets\"")))
                .andExpect(content().string(containsString("已持有意外险 (+")));
        mvc.perform(get("/crosssell/models").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("data-line=\"MEDICAL\"")))
                .andExpect(content().string(containsString("id=\"train-button\"")));
        mvc.perform(get("/crosssell/models/training/{id}", run.id()).with(Staff.analyst()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("value=\"100\"")));
        mvc.perform(get("/api/crosssell/customers/{id}/next-best", accidentNoMedicalWithoutMarketing).with(Staff.agent(agent)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("OK"));
        assertThatThrownBy(() -> {
            jdbc.sql("update crosssell_training_run set status = 'RUNNING' where id = :id").param("id", run.id()).update();
            training.runNow("again");
        }).isInstanceOf(TrainingAlreadyRunning.class);
    }

    @Test
    void theBooksScoresAreThePlainFormulasOnEveryKindOfCustomer() throws Exception {
        jdbc.sql("update crosssell_training_run set status = 'FAILED' where status = 'RUNNING'").update();
        BookFixtures book = new BookFixtures(jdbc);
        long agent = book.agent(book.branch("33"));
        long accident = book.product("意外险", "Accident", "ACCIDENT", "BASIC");
        long medical = book.product("医疗险", "Medical", "MEDICAL", "BASIC");
        long life = book.product("定期寿险", "Term life", "TERM_LIFE", "BASIC");
        LocalDate today = LocalDate.now();
        LocalDate start = today.minusMonths(1);
        LocalDate end = today.plusMonths(11);
        String[] marital = {"SINGLE", "MARRIED", "DIVORCED", "WIDOWED", null};
        String[] income = {"BELOW_50K", "FROM_50K_TO_150K", "FROM_150K_TO_300K", "FROM_300K_TO_1M", "ABOVE_1M", null};
        String[] stages = {"YOUNG_SINGLE", "NEW_FAMILY", "SUPPORTING", "ESTABLISHED", "SENIOR", "CORPORATE", null};
        int[] ages = {18, 24, 25, 34, 35, 44, 45, 54, 55, 64, 65, 90};
        List<Long> customers = new java.util.ArrayList<>();
        for (int i = 0; i < 240; i++) {
            long c = book.individual("评分客户" + i, agent);
            customers.add(c);
            consent(c, "ANALYTICS", i % 11 != 7);   // some without analytics consent: not scored
            jdbc.sql("""
                            update customer set birth_date = :birth, gender = :gender, marital_status = :marital,
                                   income_band = :income where id = :id""")
                    .param("birth", today.minusYears(ages[i % ages.length]).minusDays(i % 3))
                    .param("gender", i % 3 == 0 ? "FEMALE" : "MALE").param("marital", marital[i % marital.length])
                    .param("income", income[i % income.length]).param("id", c).update();
            if (stages[i % stages.length] != null) {
                stage(c, stages[i % stages.length]);
            }
            if (i % 2 == 0) {
                book.policy(c, accident, "ACTIVE", start, end, "200");
            }
            if (i % 3 != 1) {
                book.policy(c, medical, i % 5 == 0 ? "LAPSED" : "ACTIVE", start, end, "800");
            }
            if (i % 4 == 1) {
                book.policy(c, life, "ACTIVE", start, end, "1500");
            }
        }
        for (int h = 0; h + 3 < 60; h += 4) {   // households: head, spouse, child, parent; the child insured by the head
            long household = book.household("家庭" + h, customers.get(h));
            book.member(household, customers.get(h + 1), "SPOUSE");
            book.member(household, customers.get(h + 2), "CHILD");
            book.member(household, customers.get(h + 3), "PARENT");
            book.policy(customers.get(h), customers.get(h + 2), life, "ACTIVE", start, end, "900", null);
        }

        TrainingRun run = training.runNow("test");

        assertThat(run.status()).as(run.message()).isEqualTo("DONE");
        Map<ProductLine, LineModel> latest = models.latest();
        long scoreRun = jdbc.sql("select id from crosssell_score_run order by id desc limit 1").query(Long.class).single();
        List<String> lines = jdbc.sql("select lines from crosssell_score_run where id = :id").param("id", scoreRun)
                .query((rs, n) -> GapRules.strings(rs.getArray(1))).single();
        // the reference: the features in SQL (BookFeatures.query, as the 360 reads them) and each model's own formula
        PropensityModels.Data plain = models.features("true", Map.of());
        assertThat(jdbc.sql("select count(*) from crosssell_score where run_id = :run").param("run", scoreRun)
                .query(Long.class).single()).isEqualTo(plain.ids().length);
        int compared = 0;
        for (int i = 0; i < plain.ids().length; i++) {
            record Scored(Float[] scores, int holds) {
            }
            Scored scored = jdbc.sql("select scores, holds from crosssell_score where run_id = :run and customer_id = :id")
                    .param("run", scoreRun).param("id", plain.ids()[i])
                    .query((rs, n) -> new Scored((Float[]) rs.getArray(1).getArray(), rs.getInt(2))).single();
            for (int k = 0; k < lines.size(); k++) {
                ProductLine line = ProductLine.valueOf(lines.get(k));
                double expected = latest.get(line).explain(plain.x()[i], 0).score();
                assertThat((double) scored.scores()[k]).as("customer %d, %s", plain.ids()[i], line)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
                boolean holds = (plain.holds()[i] & (1 << BookFeatures.LINES.indexOf(line))) != 0;
                assertThat((scored.holds() & (1 << k)) != 0).as("customer %d holds %s", plain.ids()[i], line).isEqualTo(holds);
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(200);
        assertThat(latest.keySet()).contains(ProductLine.ACCIDENT, ProductLine.MEDICAL, ProductLine.TERM_LIFE);
        // only the new run's partition is left
        assertThat(jdbc.sql("select count(*) from pg_inherits where inhparent = 'crosssell_score'::regclass")
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void incentivesAreSavedAsANewVersionOnlyWhenValidWithEveryProblemByRowAndField() throws Exception {
        int active = jdbc.sql("select version from crosssell_incentive_set where active").query(Integer.class).single();
        String bad = """
                {"basedOnVersion": ACTIVE, "reason": "test", "incentives":
                [{"code": "GOLD_ANY", "tier": "GOLD", "kind": "SECOND_CONTRACT_DISCOUNT", "discountPercent": 10,
                  "descriptionZh": "九折", "descriptionEn": "10% off"},
                 {"code": "HIGH_NEG", "tier": "HIGH", "kind": "SECOND_CONTRACT_DISCOUNT", "discountPercent": -5,
                  "descriptionZh": "折扣", "descriptionEn": "discount"},
                 {"code": "HIGH_AGAIN", "tier": "HIGH", "kind": "POINTS", "points": 100,
                  "descriptionZh": "积分", "descriptionEn": "points"}]}""".replace("ACTIVE", String.valueOf(active));
        mvc.perform(put("/api/crosssell/incentives").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(bad))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].row").value(1)).andExpect(jsonPath("$.errors[0].field").value("tier"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("unknown value tier GOLD")))
                .andExpect(jsonPath("$.errors[1].row").value(2)).andExpect(jsonPath("$.errors[1].field").value("discountPercent"))
                .andExpect(jsonPath("$.errors[1].message").value("the discount cannot be negative (-5)"))
                .andExpect(jsonPath("$.errors[2].row").value(3)).andExpect(jsonPath("$.errors[2].field").value("line"))
                .andExpect(jsonPath("$.errors[2].message").value(containsString("overlaps incentive 2")));
        String none = "{\"basedOnVersion\": " + active + ", \"reason\": \"test\", \"incentives\": []}";
        mvc.perform(put("/api/crosssell/incentives").with(Staff.agent(1L)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(none))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/crosssell/incentives").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(none))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("incentives"));
        int before = jdbc.sql("select max(version) from crosssell_incentive_set").query(Integer.class).single();

        String good = """
                {"basedOnVersion": ACTIVE, "reason": "test", "incentives":
                [{"code": "HIGH_ANY", "tier": "HIGH", "kind": "SECOND_CONTRACT_DISCOUNT", "discountPercent": 12.5,
                  "descriptionZh": "第二份保单八七五折", "descriptionEn": "12.5% off the second contract"},
                 {"code": "POTENTIAL_CHECK", "tier": "POTENTIAL", "line": "MEDICAL", "kind": "POINTS", "points": 800,
                  "descriptionZh": "体检送 800 积分", "descriptionEn": "800 points for a health check"}]}""".replace("ACTIVE", String.valueOf(active));
        mvc.perform(put("/api/crosssell/incentives").with(Staff.analyst()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(good))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(before + 1))
                .andExpect(jsonPath("$.incentives.length()").value(2));
        mvc.perform(get("/api/crosssell/incentives").with(Staff.agent(1L)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.incentives[1].points").value(800))
                .andExpect(jsonPath("$.incentives[0].discountPercent").value(12.5));
        mvc.perform(get("/crosssell/incentives").with(Staff.analyst()).param("lang", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"incentives-form\"")))
                .andExpect(content().string(containsString("value=\"POTENTIAL_CHECK\"")));
        mvc.perform(get("/crosssell/incentives").with(Staff.agent(1L)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("体检送 800 积分")))
                .andExpect(content().string(not(containsString("id=\"incentives-form\""))));

        // the page refuses a negative discount by row and field and saves nothing
        mvc.perform(post("/crosssell/incentives").with(Staff.analyst()).with(csrf()).param("lang", "en")
                        .param("rows[0].code", "HIGH_ANY").param("rows[0].tier", "HIGH")
                        .param("rows[0].kind", "SECOND_CONTRACT_DISCOUNT").param("rows[0].discountPercent", "-3")
                        .param("rows[0].descriptionZh", "折扣").param("rows[0].descriptionEn", "discount")
                        .param("rows[1].code", "MIDDLE_X").param("rows[1].tier", "MIDDLE")
                        .param("rows[1].kind", "POINTS").param("rows[1].points", "lots")
                        .param("rows[1].descriptionZh", "积分").param("rows[1].descriptionEn", "points"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Incentive 1, Discount (%): the discount cannot be negative (-3)")))
                .andExpect(content().string(containsString("Incentive 2, Points: “lots” is not a number")));
        assertThat(jdbc.sql("select max(version) from crosssell_incentive_set").query(Integer.class).single()).isEqualTo(before + 1);
    }
}
