package io.insurecrm.demo.book;

/** Chinese personal and company names: the ~100 commonest surnames weighted by frequency, and given-name characters. */
final class Names {

    /** Surname and its share of the population in per cent (approximate, after the 2020 household register). */
    private static final String SURNAMES = """
            王7.25 李7.19 张6.90 刘5.38 陈4.53 杨3.08 黄2.23 赵2.19 吴2.05 周1.97 徐1.66 孙1.54 马1.44 朱1.38 胡1.32
            郭1.15 何1.14 林1.13 高1.07 罗1.06 郑0.97 梁0.90 谢0.82 宋0.78 唐0.77 许0.73 韩0.71 冯0.70 邓0.70 曹0.69
            彭0.63 曾0.62 肖0.61 田0.60 董0.59 袁0.56 潘0.55 于0.54 蒋0.53 蔡0.52 余0.51 杜0.50 叶0.49 程0.48 苏0.46
            魏0.45 吕0.44 丁0.43 任0.42 沈0.41 姚0.40 卢0.39 姜0.38 崔0.37 钟0.36 谭0.35 陆0.34 汪0.33 范0.32 金0.31
            石0.30 廖0.29 贾0.28 夏0.27 韦0.26 付0.26 方0.25 白0.25 邹0.24 孟0.24 熊0.23 秦0.23 邱0.22 江0.22 尹0.21
            薛0.21 闫0.20 段0.20 雷0.19 侯0.19 龙0.18 史0.18 陶0.17 黎0.17 贺0.16 顾0.16 毛0.15 郝0.15 龚0.15 邵0.14
            万0.14 钱0.14 严0.13 覃0.13 武0.13 戴0.12 莫0.12 孔0.12 向0.11 汤0.11""";

    static final String[] SURNAME;
    static final double[] SURNAME_CUMULATIVE;

    static {
        String[] entries = SURNAMES.trim().split("\\s+");
        SURNAME = new String[entries.length];
        double[] weights = new double[entries.length];
        for (int i = 0; i < entries.length; i++) {
            SURNAME[i] = entries[i].substring(0, 1);
            weights[i] = Double.parseDouble(entries[i].substring(1));
        }
        SURNAME_CUMULATIVE = Rng.cumulative(weights);
    }

    private static final String[] MALE = chars("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林博文志建国海峰晨阳成东亮洋昊然轩睿哲子一天泽宏毅诚德");
    private static final String[] FEMALE = chars("芳娜敏静丽艳娟霞燕玲婷雪慧莹琳洁颖倩晶琴云红梅兰萍欣怡佳悦诗涵雨思彤梓可馨蕾薇月秀英淑");
    private static final String[] COMPANY_BRAND = {"华信", "恒达", "宏远", "鑫源", "中联", "东方", "金桥", "永安", "瑞丰", "天成",
            "博远", "嘉禾", "汇通", "新宇", "盛世", "万通", "远航", "润泽", "隆基", "安泰", "凯越", "明德", "正泰", "同创"};

    private Names() {
    }

    static String surname(Rng rng) {
        return SURNAME[rng.weighted(SURNAME_CUMULATIVE)];
    }

    /** One or two given-name characters (about 70 % two), from the list for the gender. */
    static String given(Rng rng, boolean male) {
        String[] pool = male ? MALE : FEMALE;
        String first = rng.pick(pool);
        return rng.chance(0.7) ? first + rng.pick(pool) : first;
    }

    static String person(Rng rng, String surname, boolean male) {
        return surname + given(rng, male);
    }

    /** "深圳市华信电子有限公司": city, brand, the industry's trade word, legal form. */
    static String company(Rng rng, String city, String tradeWord) {
        return city + rng.pick(COMPANY_BRAND) + tradeWord + (rng.chance(0.85) ? "有限公司" : "股份有限公司");
    }

    private static String[] chars(String s) {
        return s.codePoints().mapToObj(Character::toString).toArray(String[]::new);
    }
}
