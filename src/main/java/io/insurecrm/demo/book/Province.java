package io.insurecrm.demo.book;

import java.util.List;

/**
 * A provincial-level region as the generator sees it: the code of table {@code region}, the short name its branches
 * are named after, the 2020 census population (ten thousands) that weights where customers live, its climate (the same
 * as in table {@code region}) and a few real cities with the four-digit prefix of their resident ID numbers.
 * A second branch, where there is one, serves the second city.
 */
record Province(String code, String shortName, int population, Climate climate, List<City> cities, boolean twoBranches) {

    record City(String name, String idPrefix) {
    }

    enum Climate { TYPHOON_COAST, RAINY_SOUTH, COLD_NORTH, ARID_WEST, TEMPERATE }

    static final List<Province> ALL = List.of(
            p("11", "北京", 2189, Climate.COLD_NORTH, "北京市:1101"),
            p("12", "天津", 1387, Climate.COLD_NORTH, "天津市:1201"),
            p("13", "河北", 7461, Climate.COLD_NORTH, "石家庄市:1301", "唐山市:1302", "保定市:1306", "邯郸市:1304"),
            p("14", "山西", 3492, Climate.COLD_NORTH, "太原市:1401", "大同市:1402", "长治市:1404"),
            p("15", "内蒙古", 2405, Climate.COLD_NORTH, "呼和浩特市:1501", "包头市:1502", "赤峰市:1504"),
            p("21", "辽宁", 4259, Climate.COLD_NORTH, "沈阳市:2101", "大连市:2102", "鞍山市:2103"),
            p("22", "吉林", 2407, Climate.COLD_NORTH, "长春市:2201", "吉林市:2202"),
            p("23", "黑龙江", 3185, Climate.COLD_NORTH, "哈尔滨市:2301", "齐齐哈尔市:2302", "大庆市:2306"),
            p("31", "上海", 2487, Climate.TYPHOON_COAST, "上海市:3101"),
            p("32", "江苏", 8475, Climate.RAINY_SOUTH, "南京市:3201", "苏州市:3205", "无锡市:3202", "南通市:3206"),
            p("33", "浙江", 6457, Climate.TYPHOON_COAST, "杭州市:3301", "宁波市:3302", "温州市:3303", "绍兴市:3306"),
            p("34", "安徽", 6103, Climate.RAINY_SOUTH, "合肥市:3401", "芜湖市:3402", "安庆市:3408"),
            p("35", "福建", 4154, Climate.TYPHOON_COAST, "福州市:3501", "厦门市:3502", "泉州市:3505"),
            p("36", "江西", 4519, Climate.RAINY_SOUTH, "南昌市:3601", "赣州市:3607", "九江市:3604"),
            p("37", "山东", 10153, Climate.TEMPERATE, "济南市:3701", "青岛市:3702", "烟台市:3706", "潍坊市:3707"),
            p("41", "河南", 9937, Climate.TEMPERATE, "郑州市:4101", "洛阳市:4103", "南阳市:4113"),
            p("42", "湖北", 5775, Climate.RAINY_SOUTH, "武汉市:4201", "宜昌市:4205", "襄阳市:4206"),
            p("43", "湖南", 6644, Climate.RAINY_SOUTH, "长沙市:4301", "株洲市:4302", "衡阳市:4304"),
            p("44", "广东", 12601, Climate.TYPHOON_COAST, "广州市:4401", "深圳市:4403", "佛山市:4406", "东莞市:4419"),
            p("45", "广西", 5013, Climate.TYPHOON_COAST, "南宁市:4501", "柳州市:4502", "桂林市:4503"),
            p("46", "海南", 1008, Climate.TYPHOON_COAST, "海口市:4601", "三亚市:4602"),
            p("50", "重庆", 3205, Climate.RAINY_SOUTH, "重庆市:5001"),
            p("51", "四川", 8367, Climate.RAINY_SOUTH, "成都市:5101", "绵阳市:5107", "宜宾市:5115"),
            p("52", "贵州", 3856, Climate.RAINY_SOUTH, "贵阳市:5201", "遵义市:5203"),
            p("53", "云南", 4721, Climate.TEMPERATE, "昆明市:5301", "曲靖市:5303", "玉溪市:5304"),
            p("54", "西藏", 365, Climate.ARID_WEST, "拉萨市:5401"),
            p("61", "陕西", 3953, Climate.TEMPERATE, "西安市:6101", "宝鸡市:6103", "咸阳市:6104"),
            p("62", "甘肃", 2502, Climate.ARID_WEST, "兰州市:6201", "天水市:6205"),
            p("63", "青海", 592, Climate.ARID_WEST, "西宁市:6301"),
            p("64", "宁夏", 720, Climate.ARID_WEST, "银川市:6401"),
            p("65", "新疆", 2585, Climate.ARID_WEST, "乌鲁木齐市:6501", "克拉玛依市:6502"));

    /** Provinces of more than 50 million people and more than one listed city get a second branch. */
    private static Province p(String code, String shortName, int population, Climate climate, String... cities) {
        List<City> list = java.util.Arrays.stream(cities).map(c -> new City(c.split(":")[0], c.split(":")[1])).toList();
        return new Province(code, shortName, population, climate, list, population > 5000 && list.size() > 1);
    }

    /** The branch that serves a city: the second branch serves the second city, the first everything else. */
    int branchOfCity(int cityIndex) {
        return twoBranches && cityIndex == 1 ? 1 : 0;
    }

    /** "广东分公司", or for the second branch the city's name ("深圳分公司"). */
    String branchName(int index) {
        return (index == 0 ? shortName : cities.get(1).name().replace("市", "")) + "分公司";
    }

    String branchCity(int index) {
        return cities.get(index == 0 ? 0 : 1).name();
    }
}
