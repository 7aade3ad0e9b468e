package io.insurecrm.demo.book;

import io.insurecrm.product.ProductLayer;
import io.insurecrm.product.ProductLine;
import java.util.List;

/**
 * A product of the demo catalogue with what the generator needs to sell it and claim on it: the annual premium and sum
 * insured ranges (yuan), the yearly claim frequency per policy, the claim amount range and claim descriptions.
 */
record CatalogueEntry(String code, String nameZh, String nameEn, ProductLine line, ProductLayer layer, int termMonths,
                      int minPremium, int maxPremium, long minSumInsured, long maxSumInsured,
                      double claimsPerYear, int minClaim, int maxClaim, List<String> claimTexts) {

    boolean shortTerm() {
        return termMonths <= 12;
    }

    static final List<CatalogueEntry> ALL = List.of(
            e("ACC01", "百万意外险", "Million-Yuan Personal Accident", ProductLine.ACCIDENT, ProductLayer.BASIC, 12,
                    100, 400, 500_000, 1_000_000, 0.035, 500, 30_000, "意外摔伤门诊治疗", "交通意外骨折住院", "运动扭伤门诊费用"),
            e("ACC02", "少儿意外险", "Children's Accident Cover", ProductLine.ACCIDENT, ProductLayer.BASIC, 12,
                    60, 200, 200_000, 500_000, 0.05, 300, 8_000, "孩子玩耍摔伤门诊", "校园意外擦伤缝合", "意外烫伤门诊治疗"),
            e("MED01", "百万医疗险", "Million-Yuan Medical", ProductLine.MEDICAL, ProductLayer.BASIC, 12,
                    200, 1_500, 2_000_000, 6_000_000, 0.06, 2_000, 80_000, "住院治疗费用报销", "肺炎住院治疗", "阑尾炎手术住院", "骨折手术住院"),
            e("MED02", "中端医疗险", "Mid-End Medical", ProductLine.MEDICAL, ProductLayer.BASIC, 12,
                    2_000, 8_000, 3_000_000, 8_000_000, 0.12, 500, 50_000, "特需门诊费用报销", "住院手术费用", "门诊检查费用"),
            e("MED03", "惠民长者医疗险", "Senior Medical", ProductLine.MEDICAL, ProductLayer.BASIC, 12,
                    500, 3_000, 1_000_000, 2_000_000, 0.10, 1_000, 60_000, "高血压并发症住院", "白内障手术费用", "慢性病住院治疗"),
            e("CI01", "安康重疾险", "Critical Illness Protection", ProductLine.CRITICAL_ILLNESS, ProductLayer.ADVANCED, 360,
                    3_000, 15_000, 300_000, 1_000_000, 0.004, 300_000, 1_000_000, "确诊恶性肿瘤", "确诊急性心肌梗塞", "确诊脑中风后遗症"),
            e("CI02", "少儿重疾险", "Children's Critical Illness", ProductLine.CRITICAL_ILLNESS, ProductLayer.ADVANCED, 360,
                    1_000, 4_000, 300_000, 500_000, 0.002, 300_000, 500_000, "确诊白血病", "确诊重型川崎病"),
            e("TL01", "安心定期寿险", "Term Life 20", ProductLine.TERM_LIFE, ProductLayer.ADVANCED, 240,
                    800, 4_000, 500_000, 2_000_000, 0.0008, 500_000, 2_000_000, "被保险人身故理赔"),
            e("TL02", "守护定期寿险", "Term Life 30", ProductLine.TERM_LIFE, ProductLayer.ADVANCED, 360,
                    1_200, 6_000, 1_000_000, 3_000_000, 0.0008, 1_000_000, 3_000_000, "被保险人身故理赔"),
            e("WL01", "鑫享增额终身寿险", "Increasing Whole Life", ProductLine.WHOLE_LIFE, ProductLayer.WEALTH, 1_200,
                    10_000, 100_000, 100_000, 2_000_000, 0.0, 0, 0),
            e("AN01", "颐养年金险", "Retirement Annuity", ProductLine.ANNUITY, ProductLayer.WEALTH, 480,
                    10_000, 80_000, 100_000, 1_500_000, 0.0, 0, 0),
            e("AN02", "稳盈年金险", "Steady Annuity", ProductLine.ANNUITY, ProductLayer.WEALTH, 240,
                    20_000, 150_000, 200_000, 3_000_000, 0.0, 0, 0),
            e("ED01", "金榜教育金", "Education Fund", ProductLine.EDUCATION, ProductLayer.WEALTH, 216,
                    5_000, 30_000, 100_000, 600_000, 0.0, 0, 0),
            e("LTC01", "长期护理险", "Long-Term Care", ProductLine.LONG_TERM_CARE, ProductLayer.ADVANCED, 240,
                    2_000, 8_000, 200_000, 600_000, 0.02, 5_000, 60_000, "失能护理费用给付", "中风后长期护理"),
            e("HP01", "安居家庭财产险", "Home Property", ProductLine.HOME_PROPERTY, null, 12,
                    200, 800, 500_000, 1_500_000, 0.04, 800, 30_000, "厨房水管爆裂泡坏地板", "邻居漏水殃及天花板", "家用电器被雷击损坏"),
            e("HP02", "安居尊享家财险", "Home Property Premier", ProductLine.HOME_PROPERTY, null, 12,
                    800, 2_000, 1_500_000, 5_000_000, 0.05, 1_000, 80_000, "室内装修被水浸泡", "盗抢造成财产损失", "火灾造成室内财产损失"),
            e("CP01", "企业财产综合险", "Commercial Property", ProductLine.CORPORATE_PROPERTY, null, 12,
                    5_000, 120_000, 5_000_000, 100_000_000, 0.08, 10_000, 800_000, "仓库进水货物受损", "厂房火灾损失", "设备遭雷击损坏"),
            e("CP02", "财产一切险", "Property All Risks", ProductLine.CORPORATE_PROPERTY, null, 12,
                    20_000, 300_000, 20_000_000, 300_000_000, 0.10, 20_000, 2_000_000, "暴雨导致厂房进水", "机器设备意外损坏", "库存货物火灾损失"),
            e("MT01", "机动车商业险", "Motor Comprehensive", ProductLine.MOTOR, null, 12,
                    2_500, 9_000, 1_000_000, 3_000_000, 0.14, 800, 40_000, "追尾事故车辆维修", "停车剐蹭维修", "暴雨涉水发动机损坏"),
            e("LB01", "公众责任险", "Public Liability", ProductLine.LIABILITY, null, 12,
                    1_000, 8_000, 1_000_000, 5_000_000, 0.03, 2_000, 100_000, "顾客在店内滑倒受伤", "经营场所第三者财产损失"),
            e("LB02", "家庭综合责任险", "Family Liability", ProductLine.LIABILITY, null, 12,
                    100, 400, 200_000, 1_000_000, 0.02, 500, 20_000, "宠物咬伤他人医疗费用", "家中漏水殃及楼下"));

    private static CatalogueEntry e(String code, String nameZh, String nameEn, ProductLine line, ProductLayer layer,
                                    int termMonths, int minPremium, int maxPremium, long minSum, long maxSum,
                                    double claimsPerYear, int minClaim, int maxClaim, String... texts) {
        return new CatalogueEntry(code, nameZh, nameEn, line, layer, termMonths, minPremium, maxPremium, minSum, maxSum,
                claimsPerYear, minClaim, maxClaim, List.of(texts));
    }

    private static final java.util.Map<String, CatalogueEntry> BY_CODE = ALL.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(CatalogueEntry::code, e -> e));

    static CatalogueEntry byCode(String code) {
        CatalogueEntry entry = BY_CODE.get(code);
        if (entry == null) {
            throw new IllegalArgumentException("no product " + code);
        }
        return entry;
    }

    static int indexOf(String code) {
        return ALL.indexOf(byCode(code));
    }
}
