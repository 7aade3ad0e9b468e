package io.insurecrm.loyalty;

/** The three kinds of benefit (domain.md §5). */
public enum BenefitCategory {
    /** 保障强化: coverage added to the policy */
    COVERAGE,
    /** 服务便利: claims and after-sales convenience */
    SERVICE,
    /** 生活实用: practical services for daily life */
    LIVING
}
