package io.insurecrm.customerview.web;

import io.insurecrm.customer.CustomerKind;
import io.insurecrm.customer.Gender;
import io.insurecrm.customer.IncomeBand;
import io.insurecrm.customer.MaritalStatus;
import io.insurecrm.customer.Relationship;
import io.insurecrm.customerview.ClaimProgress;
import io.insurecrm.customerview.ClaimState;
import io.insurecrm.customerview.ClaimStep;
import io.insurecrm.customerview.ContractFigures;
import io.insurecrm.customerview.CoverageLayer;
import io.insurecrm.customerview.Customer360;
import io.insurecrm.customerview.CustomerProfile;
import io.insurecrm.customerview.HouseholdPanel;
import io.insurecrm.customerview.PolicyGroup;
import io.insurecrm.customerview.PolicyLine;
import io.insurecrm.customerview.PolicyRole;
import io.insurecrm.customerview.PolicyState;
import io.insurecrm.interaction.InteractionChannel;
import io.insurecrm.interaction.InteractionEntry;
import io.insurecrm.interaction.InteractionType;
import io.insurecrm.platform.web.Paged;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A hand-made Customer 360 read model for web slice tests. */
final class Sample360 {

    private Sample360() {
    }

    static Customer360 zhangWei() {
        CustomerProfile profile = new CustomerProfile(42L, CustomerKind.INDIVIDUAL, "张伟", Gender.MALE, LocalDate.of(1985, 3, 12),
                41, "330***********1234", "工程师", IncomeBand.FROM_150K_TO_300K, MaritalStatus.MARRIED, null, null, null,
                "13912345678", "33", "浙江省", "Zhejiang", "TYPHOON_COAST", "杭州", 7L, "AG-7", "王芳", "AGENT", "13800000000",
                3L, "杭州分公司", Instant.parse("2024-01-01T02:00:00Z"), "工商银行", "6222 **** **** 1234");
        PolicyLine medical = new PolicyLine(101L, "P-2026-101", 1L, "百万医疗险", "Million medical", "MEDICAL", CoverageLayer.BASIC,
                new BigDecimal("860.00"), new BigDecimal("2000000.00"), LocalDate.of(2026, 8, 1), LocalDate.of(2027, 7, 31),
                PolicyState.ACTIVE, null, 42L, 42L, null, PolicyRole.HOLDER_AND_INSURED, 100L, "P-2025-100", null, null);
        PolicyLine lapsed = new PolicyLine(102L, "P-2024-102", 2L, "重疾险", "Critical illness", "CRITICAL_ILLNESS",
                CoverageLayer.ADVANCED, new BigDecimal("5200.00"), new BigDecimal("500000.00"), LocalDate.of(2024, 1, 1),
                LocalDate.of(2044, 1, 1), PolicyState.LAPSED, LocalDate.of(2025, 4, 1), 42L, 42L, null, PolicyRole.HOLDER_AND_INSURED,
                null, null, null, null);
        PolicyLine wifes = new PolicyLine(103L, "P-2026-103", 3L, "定期寿险", "Term life", "TERM_LIFE", CoverageLayer.ADVANCED,
                new BigDecimal("3100.00"), new BigDecimal("1000000.00"), LocalDate.of(2026, 1, 1), LocalDate.of(2046, 1, 1),
                PolicyState.ACTIVE, null, 43L, 43L, null, PolicyRole.HOLDER_AND_INSURED, null, null, null, null);
        HouseholdPanel household = new HouseholdPanel(9L, "张伟家庭", List.of(
                new HouseholdPanel.Member(42L, "张伟", Relationship.SELF, 41, true, true, List.of()),
                new HouseholdPanel.Member(43L, "李娜", Relationship.SPOUSE, 39, true, false, List.of(wifes)),
                new HouseholdPanel.Member(null, null, Relationship.PARENT, null, false, false, List.of())));
        ContractFigures figures = new ContractFigures(1, new BigDecimal("860.00"), 2, List.of(
                new ContractFigures.LayerCoverage(CoverageLayer.BASIC, 1), new ContractFigures.LayerCoverage(CoverageLayer.ADVANCED, 0),
                new ContractFigures.LayerCoverage(CoverageLayer.WEALTH, 0), new ContractFigures.LayerCoverage(CoverageLayer.PROPERTY, 0)));
        ClaimProgress claim = new ClaimProgress(501L, "C-2026-501", 101L, "P-2026-101", "百万医疗险", "Million medical",
                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 3), null, new BigDecimal("3000.00"), null, ClaimState.ASSESSING,
                "门诊费用", List.of(
                new ClaimStep(ClaimState.REPORTED, true, Instant.parse("2026-10-03T02:00:00Z"), null, false),
                new ClaimStep(ClaimState.ASSESSING, true, Instant.parse("2026-10-04T02:00:00Z"), null, true),
                new ClaimStep(ClaimState.APPROVED, false, null, null, false),
                new ClaimStep(ClaimState.PAID, false, null, null, false)));
        InteractionEntry survey = new InteractionEntry(7001L, 42L, InteractionType.SURVEY, InteractionChannel.APP,
                Instant.parse("2026-11-01T02:00:00Z"), "理赔体验满意", 9, null, null, false, 7L, "王芳");
        return new Customer360(LocalDate.of(2026, 11, 20), profile, household,
                List.of(new PolicyGroup(PolicyState.ACTIVE, List.of(medical)), new PolicyGroup(PolicyState.LAPSED, List.of(lapsed))),
                figures, List.of(claim), new Paged<>(List.of(survey), 0, 10, 11),
                List.of(new io.insurecrm.customerview.SegmentLine("VALUE", "MIDDLE", "10,000 ≤ 年缴保费 12,000 < 100,000", 1,
                        LocalDate.of(2026, 11, 1), null, List.of()),
                        new io.insurecrm.customerview.SegmentLine("DYNAMIC", "LOYAL", null, 1, LocalDate.of(2026, 11, 1),
                                "segmentation.reason.dynamic.loyal", List.of("24", "3", "0", "6", "4", "5"))),
                List.of(new io.insurecrm.customerview.TagLine(9L, "NEED", "MEDICAL_GAP", "RULE", "segmentation.tag.reason.lacks",
                                List.of("LIFE_STAGE", "ESTABLISHED", "MEDICAL, CRITICAL_ILLNESS"), null, "rule", LocalDate.of(2026, 11, 1)),
                        new io.insurecrm.customerview.TagLine(10L, "VALUE", "VIP_EVENT", "MANUAL", null, List.of(),
                                "年会贵宾", "agent7", LocalDate.of(2026, 11, 2))));
    }
}
