package io.insurecrm.coil;

/**
 * The customer main type (MOSHOOFD, column 5) of the CoIL 2000 data dictionary: English labels as published with
 * the benchmark (UCI "Insurance Company Benchmark"), Chinese translations ours.
 */
public enum CustomerMainType {
    SUCCESSFUL_HEDONISTS(1, "Successful hedonists", "成功享乐型"),
    DRIVEN_GROWERS(2, "Driven growers", "奋斗成长型"),
    AVERAGE_FAMILY(3, "Average family", "普通家庭"),
    CAREER_LONERS(4, "Career loners", "事业单身型"),
    LIVING_WELL(5, "Living well", "生活优裕型"),
    CRUISING_SENIORS(6, "Cruising seniors", "悠闲长者"),
    RETIRED_AND_RELIGIOUS(7, "Retired and religious", "退休虔信型"),
    FAMILY_WITH_GROWN_UPS(8, "Family with grown-ups", "成年子女家庭"),
    CONSERVATIVE_FAMILIES(9, "Conservative families", "保守家庭"),
    FARMERS(10, "Farmers", "农户");

    private final int code;
    private final String english;
    private final String chinese;

    CustomerMainType(int code, String english, String chinese) {
        this.code = code;
        this.english = english;
        this.chinese = chinese;
    }

    public static CustomerMainType of(int code) {
        for (CustomerMainType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("MOSHOOFD is 1-10, not " + code);
    }

    public int code() {
        return code;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }
}
