package io.insurecrm.coil;

/**
 * The 21 products of the CoIL 2000 book, in file order: the P* column (premium band) of product k is column 43 + k,
 * the A* column (number of policies) is column 64 + k.
 */
public enum CoilProduct {
    WAPART("Private third-party liability", "个人第三者责任险"),
    WABEDR("Third-party liability (firms)", "企业第三者责任险"),
    WALAND("Third-party liability (agriculture)", "农业第三者责任险"),
    PERSAUT("Car", "私家车险"),
    BESAUT("Delivery van", "厢式货车险"),
    MOTSCO("Motorcycle/scooter", "摩托车险"),
    VRAAUT("Lorry", "卡车险"),
    AANHANG("Trailer", "挂车险"),
    TRACTOR("Tractor", "拖拉机险"),
    WERKT("Agricultural machines", "农机险"),
    BROM("Moped", "轻便摩托车险"),
    LEVEN("Life", "寿险"),
    PERSONG("Private accident", "个人意外险"),
    GEZONG("Family accidents", "家庭意外险"),
    WAOREG("Disability", "残疾险"),
    BRAND("Fire", "火险"),
    ZEILPL("Surfboard", "冲浪板险"),
    PLEZIER("Boat", "船艇险"),
    FIETS("Bicycle", "自行车险"),
    INBOED("Property (home contents)", "家庭财产险"),
    BYSTAND("Social security", "社会保障险");

    private final String english;
    private final String chinese;

    CoilProduct(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }

    /** 1-based column of the premium band (P*). */
    public int premiumColumn() {
        return 44 + ordinal();
    }

    /** 1-based column of the number of policies (A*). */
    public int policiesColumn() {
        return 65 + ordinal();
    }
}
