package io.insurecrm.demo.book;

import io.insurecrm.customer.BankAccountNumber;
import io.insurecrm.customer.BankAccountProtection;
import io.insurecrm.customer.ChineseIdNumber;
import io.insurecrm.customer.SealedIdNumber;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import io.insurecrm.customer.UnifiedSocialCreditCode;
import io.insurecrm.demo.book.Province.Climate;
import io.insurecrm.product.ProductLine;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a zh-CN insurance book, unit by unit (a household, or a company), and hands every row to a {@link RowSink}
 * at once: nothing but the reference data, the agents and two sets of keys (ID numbers, phones) stays in memory.
 * The same {@link BookSpec} gives byte-identical rows: every unit draws from its own random stream derived from the
 * seed and the unit's number, and ids are handed out in generation order.
 */
public final class BookGenerator {

    /** Life stages of a household (生命周期), and companies. */
    enum Stage { YOUNG_SINGLE, NEW_COUPLE, YOUNG_FAMILY, SANDWICH, SENIOR, CORPORATE }

    private static final double CORPORATE_SHARE_OF_UNITS = 0.07;
    /** Scales every line's yearly claim frequency so the book has about 0.3 claims per customer. */
    private static final double CLAIM_FREQUENCY_SCALE = 1.85;
    private static final double[] STAGE_WEIGHTS = Rng.cumulative(0.30, 0.14, 0.22, 0.17, 0.17);
    private static final String[] PHONE_PREFIXES = {"130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
            "151", "152", "153", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183",
            "185", "186", "187", "188", "189", "191", "198", "199"};

    private final BookSpec spec;
    private final LocalDate today;
    private final LocalDate firstDay;
    private final Row row = new Row();
    private final long[] counts = new long[BookTable.values().length];
    private final List<BranchSeat> branches = new ArrayList<>();
    private final List<AgentSeat> agents = new ArrayList<>();
    private final double[] provinceWeights;
    private final LongSet idNumbers;
    private final LongSet phones;
    private final long[] recentAdults = new long[512];
    private int recentAdultCount;
    private RowSink sink;
    private final Function<ChineseIdNumber, SealedIdNumber> sealer;
    private final Function<BankAccountNumber, BankAccountProtection.Sealed> bankSealer;
    /**
     * How claim descriptions, status notes and interaction outcomes are stored (FieldCipher::seal; identity writes them
     * in the clear).
     */
    private final UnaryOperator<String> textSealer;
    static final String[] BANKS = {"中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "招商银行", "交通银行"};

    private long nextCustomer;
    private long nextHousehold;
    private long nextPolicy;
    private long nextClaim;
    private long nextInteraction;

    /** A generator writing ID numbers in the clear (tests of the generator, copy benchmarks). */
    public BookGenerator(BookSpec spec) {
        this(spec, id -> new SealedIdNumber(id.value(), null, id.masked(), id.gender(), id.birthDate()));
    }

    /**
     * A generator whose customer rows carry the ID number as the sealer stores it (encrypted, with blind index and
     * masked form: customer.IdNumberProtection), computed here so the COPY stream never holds a clear number.
     */
    public BookGenerator(BookSpec spec, Function<ChineseIdNumber, SealedIdNumber> sealer) {
        this(spec, sealer, null);
    }

    /**
     * A generator that also gives every third adult individual a premium payment account (a 16-digit card number
     * derived from the customer id, passing the Luhn check, at one of {@link #BANKS}), stored as the bank sealer
     * stores it (customer.BankAccountProtection: encrypted, blind index, mask); null gives nobody an account.
     * Derived from the id, not drawn from the random stream, so the rest of the book is the same either way.
     */
    public BookGenerator(BookSpec spec, Function<ChineseIdNumber, SealedIdNumber> sealer,
                         Function<BankAccountNumber, BankAccountProtection.Sealed> bankSealer) {
        this(spec, sealer, bankSealer, UnaryOperator.identity());
    }

    /**
     * A generator that also writes claim descriptions, status notes and interaction outcomes as the text sealer stores
     * them (encrypted: platform.crypto.FieldCipher::seal, claim/V90, interaction/V93), sealed here so the COPY stream
     * never holds a diagnosis in the clear. The sealer draws nothing from the book's random streams, so the book is the same either way.
     */
    public BookGenerator(BookSpec spec, Function<ChineseIdNumber, SealedIdNumber> sealer,
                         Function<BankAccountNumber, BankAccountProtection.Sealed> bankSealer, UnaryOperator<String> textSealer) {
        this.textSealer = textSealer;
        this.bankSealer = bankSealer;
        this.sealer = sealer;
        this.spec = spec;
        this.today = spec.today();
        this.firstDay = today.minusYears(10);
        this.provinceWeights = Rng.cumulative(Province.ALL.stream().mapToDouble(Province::population).toArray());
        this.idNumbers = new LongSet(spec.customers());
        this.phones = new LongSet(spec.customers());
    }

    public BookCounts generate(RowSink sink) {
        this.sink = sink;
        BookSpec.IdBase base = spec.base();
        nextCustomer = base.customer();
        nextHousehold = base.household();
        nextPolicy = base.policy();
        nextClaim = base.claim();
        nextInteraction = base.interaction();
        Rng reference = new Rng(spec.seed());
        writeBranches();
        writeAgents(reference);
        writeProducts();
        int made = 0;
        long unit = 0;
        while (made < spec.customers()) {
            made += writeUnit(Rng.forUnit(spec.seed(), unit++), spec.customers() - made);
            sink.unitDone(made);
        }
        Map<BookTable, Long> rows = new EnumMap<>(BookTable.class);
        for (BookTable table : BookTable.values()) {
            rows.put(table, counts[table.ordinal()]);
        }
        return new BookCounts(rows);
    }

    // ------------------------------------------------------------------ branches, agents, products

    private record BranchSeat(long id, Province province, int index, double weight, List<AgentSeat> agents) {
    }

    private record AgentSeat(long id, BranchSeat branch) {
    }

    private void writeBranches() {
        long id = spec.base().branch();
        for (Province province : Province.ALL) {
            int count = province.twoBranches() ? 2 : 1;
            for (int b = 0; b < count; b++) {
                double cityShare = 0;
                for (int c = 0; c < province.cities().size(); c++) {
                    if (province.branchOfCity(c) == b) {
                        cityShare += cityWeight(province, c);
                    }
                }
                BranchSeat seat = new BranchSeat(++id, province, b, province.population() * cityShare, new ArrayList<>());
                branches.add(seat);
                emit(BookTable.BRANCH, row.start().add(seat.id).add("BR" + province.code() + "0" + (b + 1))
                        .add(province.branchName(b)).add(province.code()).add(province.branchCity(b)));
            }
        }
    }

    /** The first city of a province (its capital) holds 40 % of its customers when there are others, the rest share 60 %. */
    private static double cityWeight(Province province, int city) {
        int n = province.cities().size();
        return n == 1 ? 1.0 : city == 0 ? 0.4 : 0.6 / (n - 1);
    }

    /** About one agent or advisor per 150 customers, at least two per branch, shared by the branches' weights. */
    private void writeAgents(Rng rng) {
        int total = Math.max(2 * branches.size(), (int) Math.round(spec.customers() / 150.0));
        double weightSum = branches.stream().mapToDouble(BranchSeat::weight).sum();
        int spare = total - 2 * branches.size();
        int[] seats = new int[branches.size()];
        double[] remainders = new double[branches.size()];
        int given = 0;
        for (int b = 0; b < branches.size(); b++) {
            double exact = spare * branches.get(b).weight() / weightSum;
            seats[b] = 2 + (int) exact;
            remainders[b] = exact - (int) exact;
            given += (int) exact;
        }
        for (int left = spare - given; left > 0; left--) {
            int best = 0;
            for (int b = 1; b < remainders.length; b++) {
                if (remainders[b] > remainders[best]) {
                    best = b;
                }
            }
            seats[best]++;
            remainders[best] = -1;
        }
        long id = spec.base().agent();
        for (int b = 0; b < branches.size(); b++) {
            BranchSeat branch = branches.get(b);
            for (int s = 0; s < seats[b]; s++) {
                AgentSeat agent = new AgentSeat(++id, branch);
                agents.add(agent);
                branch.agents().add(agent);
                boolean advisor = s == 1 || (s > 1 && rng.chance(0.2));
                boolean male = rng.chance(0.45);
                emit(BookTable.AGENT, row.start().add(id).add("AG" + pad(id, 6))
                        .add(Names.person(rng, Names.surname(rng), male)).add(advisor ? "ADVISOR" : "AGENT")
                        .add(branch.id()).add(phone(rng)).add(true));
            }
        }
    }

    private void writeProducts() {
        long id = spec.base().product();
        for (CatalogueEntry p : CatalogueEntry.ALL) {
            emit(BookTable.PRODUCT, row.start().add(++id).add(p.code()).add(p.nameZh()).add(p.nameEn()).add(p.line())
                    .add(p.layer()).add(p.line().category()).add(p.termMonths()).add(true));
        }
    }

    private long productId(CatalogueEntry product) {
        return spec.base().product() + CatalogueEntry.ALL.indexOf(product) + 1;
    }

    // ------------------------------------------------------------------ units

    /** Where a unit lives and who services it. */
    private record Place(Province province, Province.City city, BranchSeat branch, AgentSeat agent) {
    }

    /** One person (or company) of a unit while it is being generated. */
    private static final class Person {
        long id;
        String name;
        boolean male;
        LocalDate birth;
        int age;
        String relationship;
        int tier;
        boolean corporate;
        String companySize;
        String maritalOverride;

        boolean minor() {
            return !corporate && age < 18;
        }
    }

    /** Everything about one unit that the policy, claim and interaction steps need. */
    private record Unit(Rng rng, Stage stage, Place place, LocalDate since, double wealth, List<Person> people) {
    }

    private int writeUnit(Rng rng, int room) {
        Place place = place(rng);
        LocalDate since = sinceDate(rng);
        if (rng.chance(CORPORATE_SHARE_OF_UNITS)) {
            return writeCompany(rng, place, since);
        }
        Stage stage = Stage.values()[rng.weighted(STAGE_WEIGHTS)];
        List<Person> people = family(rng, stage, room);
        int tier = people.get(0).tier;
        double wealth = switch (tier) {
            case 0 -> 0.6;
            case 1 -> 1.0;
            case 2 -> 1.3;
            default -> 1.7;
        };
        for (Person person : people) {
            person.id = ++nextCustomer;
            writePerson(rng, person, place, since);
        }
        writeHousehold(people, since);
        Unit unit = new Unit(rng, stage, place, since, wealth, people);
        writeReferral(unit);
        writeFamilyPolicies(unit);
        for (Person person : people) {
            if (!person.minor()) {
                writeInteractions(unit, person);
                remember(person.id);
            }
        }
        return people.size();
    }

    private Place place(Rng rng) {
        Province province = Province.ALL.get(rng.weighted(provinceWeights));
        int n = province.cities().size();
        double[] weights = new double[n];
        for (int c = 0; c < n; c++) {
            weights[c] = cityWeight(province, c);
        }
        int city = rng.weighted(Rng.cumulative(weights));
        BranchSeat branch = null;
        for (BranchSeat seat : branches) {
            if (seat.province() == province && seat.index() == province.branchOfCity(city)) {
                branch = seat;
            }
        }
        return new Place(province, province.cities().get(city), branch, rng.pick(branch.agents()));
    }

    /** When the unit became a customer: anywhere in the ten years, more of them recently (a growing book). */
    private LocalDate sinceDate(Rng rng) {
        long days = ChronoUnit.DAYS.between(firstDay, today);
        return today.minusDays((long) (days * Math.pow(rng.nextDouble(), 1.3)));
    }

    private List<Person> family(Rng rng, Stage stage, int room) {
        List<Person> people = new ArrayList<>();
        boolean selfMale = rng.chance(0.5);
        String selfSurname = Names.surname(rng);
        String spouseSurname = Names.surname(rng);
        String childSurname = selfMale ? selfSurname : spouseSurname;
        int selfAge = switch (stage) {
            case YOUNG_SINGLE -> rng.between(22, 34);
            case NEW_COUPLE -> rng.between(25, 35);
            case YOUNG_FAMILY -> rng.between(28, 42);
            case SANDWICH -> rng.between(38, 55);
            default -> rng.between(60, 80);
        };
        int tier = tier(rng, stage, selfAge);
        Person self = person(rng, "SELF", selfSurname, selfMale, selfAge, tier);
        people.add(self);
        boolean couple = stage != Stage.YOUNG_SINGLE && (stage != Stage.SENIOR || rng.chance(0.7));
        if (couple) {
            int spouseAge = Math.max(stage == Stage.SENIOR ? 58 : 22, selfAge + rng.between(-3, 3));
            people.add(person(rng, "SPOUSE", spouseSurname, !selfMale, spouseAge, Math.max(0, tier - rng.nextInt(2))));
        }
        if (stage == Stage.YOUNG_FAMILY || stage == Stage.SANDWICH) {
            int children = rng.chance(0.25) ? 2 : 1;
            for (int c = 0; c < children; c++) {
                int age = stage == Stage.YOUNG_FAMILY ? rng.between(0, Math.min(12, selfAge - 24))
                        : rng.between(6, Math.min(24, selfAge - 23));
                people.add(person(rng, "CHILD", childSurname, rng.chance(0.52), age, tier));
            }
        }
        if (stage == Stage.SANDWICH) {
            int fatherAge = Math.min(88, selfAge + rng.between(24, 34));
            boolean both = rng.chance(0.6);
            boolean fatherAlive = both || rng.chance(0.4);
            if (fatherAlive) {
                people.add(person(rng, "PARENT", selfSurname, true, fatherAge, 0));
            }
            if (both || !fatherAlive) {
                people.add(person(rng, "PARENT", Names.surname(rng), false, Math.max(62, fatherAge - rng.between(0, 4)), 0));
            }
        }
        if (couple) {
            self.maritalOverride = "MARRIED";
        } else if (stage == Stage.SENIOR) {
            self.maritalOverride = rng.chance(0.7) ? "WIDOWED" : rng.chance(0.5) ? "DIVORCED" : "SINGLE";
        } else if (selfAge >= 30 && rng.chance(0.08)) {
            self.maritalOverride = "DIVORCED";
        }
        List<Person> parents = members(people, "PARENT");
        if (parents.size() == 1) {
            parents.get(0).maritalOverride = "WIDOWED";
        }
        return people.size() > room ? new ArrayList<>(people.subList(0, room)) : people;
    }

    /** Income tier 0–3 (below 50k, 50–150k, 150–300k, above 300k), richer with age up to retirement. */
    private static int tier(Rng rng, Stage stage, int age) {
        double[] weights = switch (stage) {
            case YOUNG_SINGLE -> new double[] {0.25, 0.50, 0.20, 0.05};
            case NEW_COUPLE -> new double[] {0.15, 0.50, 0.27, 0.08};
            case YOUNG_FAMILY -> new double[] {0.12, 0.45, 0.30, 0.13};
            case SANDWICH -> new double[] {0.10, 0.35, 0.33, 0.22};
            default -> new double[] {0.45, 0.40, 0.10, 0.05};
        };
        return rng.weighted(Rng.cumulative(weights));
    }

    private Person person(Rng rng, String relationship, String surname, boolean male, int age, int tier) {
        Person p = new Person();
        p.relationship = relationship;
        p.male = male;
        p.age = age;
        p.tier = tier;
        p.name = Names.person(rng, surname, male);
        p.birth = today.minusYears(age).minusDays(rng.between(1, 364));
        return p;
    }

    private static final String[][] OCCUPATIONS = {
            {"快递员", "餐饮服务员", "个体摊主", "农民", "保洁员"},
            {"教师", "护士", "行政文员", "销售专员", "公务员", "会计", "司机"},
            {"软件工程师", "医生", "设计师", "销售经理", "工程师", "银行职员"},
            {"企业管理人员", "律师", "私营企业主", "金融从业者"}};

    private void writePerson(Rng rng, Person p, Place place, LocalDate since) {
        String occupation;
        String income;
        String marital;
        if (p.age < 18) {
            occupation = p.age < 6 ? "学龄前儿童" : "学生";
            income = null;
            marital = "SINGLE";
        } else if (p.age < 22) {
            occupation = "大学生";
            income = "BELOW_50K";
            marital = "SINGLE";
        } else {
            if (p.age >= 60) {
                occupation = "退休人员";
                income = rng.chance(0.5) ? "BELOW_50K" : rng.chance(0.9) ? "FROM_50K_TO_150K" : "FROM_150K_TO_300K";
            } else {
                occupation = rng.pick(OCCUPATIONS[p.tier]);
                income = switch (p.tier) {
                    case 0 -> "BELOW_50K";
                    case 1 -> rng.chance(0.8) ? "FROM_50K_TO_150K" : "BELOW_50K";
                    case 2 -> "FROM_150K_TO_300K";
                    default -> rng.chance(0.75) ? "FROM_300K_TO_1M" : "ABOVE_1M";
                };
            }
            marital = switch (p.relationship) {
                case "SPOUSE" -> "MARRIED";
                case "CHILD" -> p.age >= 26 && rng.chance(0.3) ? "MARRIED" : "SINGLE";
                case "PARENT" -> "MARRIED";
                default -> "SINGLE";
            };
        }
        p.corporate = false;
        SealedIdNumber idNumber = sealer.apply(new ChineseIdNumber(idNumber(rng, place, p)));
        String phone = p.age < 16 ? null : phone(rng);
        LocalDate joined = p.birth.isAfter(since) ? p.birth : since;
        LocalDateTime created = joined.atTime(rng.between(9, 18), rng.nextInt(60));
        LocalDateTime updated = created.plusDays(rng.nextInt((int) Math.max(1, ChronoUnit.DAYS.between(joined, today))));
        BankAccountProtection.Sealed bank = bankSealer == null || p.age < 18 || p.id % 3 != 0 ? null
                : bankSealer.apply(new BankAccountNumber(cardNumber(p.id)));
        Row customer = row.start().add(p.id).add("INDIVIDUAL").add(p.name).add(p.male ? "MALE" : "FEMALE")
                .add(p.birth).add(idNumber.stored()).add(occupation).add(income).add(maritalFix(p, marital)).nul().nul().nul()
                .add(phone).add(place.province().code()).add(place.city().name()).add(place.agent().id())
                .add(place.branch().id()).add(created).add(updated).add(idNumber.blindIndex()).add(idNumber.masked());
        if (bank == null) {
            customer.nul().nul().nul().nul();
        } else {
            customer.add(BANKS[(int) (p.id % BANKS.length)]).add(bank.stored()).add(bank.blindIndex()).add(bank.masked());
        }
        emit(BookTable.CUSTOMER, customer);
    }

    /** A 16-digit card number unique per customer id (an odd multiplier not divisible by 5 permutes 11 digits), Luhn-valid. */
    static String cardNumber(long customerId) {
        String first15 = "6222" + pad(Math.floorMod(customerId * 2_654_435_761L, 100_000_000_000L), 11);
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int digit = first15.charAt(14 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return first15 + (10 - sum % 10) % 10;
    }

    /** A SELF is married when a spouse is listed, a senior alone mostly widowed, a parent alone widowed. */
    private static String maritalFix(Person p, String marital) {
        return p.maritalOverride != null ? p.maritalOverride : marital;
    }

    private void writeHousehold(List<Person> people, LocalDate since) {
        Person self = people.get(0);
        long id = ++nextHousehold;
        emit(BookTable.HOUSEHOLD, row.start().add(id).add(self.name + "家庭").add(since.atTime(10, 0)));
        for (Person p : people) {
            LocalDate joined = p.birth.isAfter(since) ? p.birth : since;
            emit(BookTable.HOUSEHOLD_MEMBER, row.start().add(id).add(p.id).add(p.relationship).add(joined));
        }
    }

    /** 18 characters: province and city of the customer, a district, the birth date, a sequence whose parity is the gender, the check character. */
    private String idNumber(Rng rng, Place place, Person p) {
        String birth = p.birth.toString().replace("-", "");
        for (int attempt = 0; ; attempt++) {
            int district = rng.between(1, attempt < 50 ? 19 : 99);
            int sequence = rng.nextInt(500) * 2 + (p.male ? 1 : 0);
            String first17 = place.city().idPrefix() + (district < 10 ? "0" : "") + district + birth
                    + pad(sequence, 3);
            if (idNumbers.add(Long.parseLong(first17))) {
                return first17 + ChineseIdNumber.checkCharacter(first17);
            }
        }
    }

    private String phone(Rng rng) {
        while (true) {
            String number = rng.pick(PHONE_PREFIXES) + pad(rng.nextInt(100_000_000), 8);
            if (phones.add(Long.parseLong(number))) {
                return number;
            }
        }
    }

    // ------------------------------------------------------------------ companies

    private static final String[][] INDUSTRIES = {
            {"制造业", "电子", "机械", "纺织", "食品", "化工", "医疗器械"},
            {"批发和零售业", "贸易", "商贸"},
            {"建筑业", "建设工程", "装饰工程"},
            {"信息传输、软件和信息技术服务业", "科技", "网络科技", "软件"},
            {"交通运输、仓储和邮政业", "物流", "运输"},
            {"住宿和餐饮业", "餐饮管理", "酒店管理"},
            {"房地产业", "房地产开发", "物业管理"},
            {"农、林、牧、渔业", "农业发展", "生态农业"}};
    private static final double[] INDUSTRY_WEIGHTS = Rng.cumulative(30, 20, 12, 12, 10, 8, 4, 4);
    private static final String[] SIZES = {"MICRO", "SMALL", "MEDIUM", "LARGE"};
    private static final double[] SIZE_WEIGHTS = Rng.cumulative(35, 40, 18, 7);

    private int writeCompany(Rng rng, Place place, LocalDate since) {
        Person company = new Person();
        company.id = ++nextCustomer;
        company.corporate = true;
        company.relationship = "SELF";
        company.age = 99;
        company.birth = since;
        String[] industry = INDUSTRIES[rng.weighted(INDUSTRY_WEIGHTS)];
        company.companySize = SIZES[rng.weighted(SIZE_WEIGHTS)];
        company.name = Names.company(rng, place.city().name(), industry[1 + rng.nextInt(industry.length - 1)]);
        LocalDateTime created = since.atTime(rng.between(9, 17), rng.nextInt(60));
        emit(BookTable.CUSTOMER, row.start().add(company.id).add("CORPORATE").add(company.name).nul().nul().nul().nul()
                .nul().nul().add(creditCode(place, company.id)).add(industry[0]).add(company.companySize).add(phone(rng))
                .add(place.province().code()).add(place.city().name()).add(place.agent().id()).add(place.branch().id())
                .add(created).add(created.plusDays(rng.nextInt((int) Math.max(1, ChronoUnit.DAYS.between(since, today)))))
                .nul().nul().nul().nul().nul().nul());
        double scale = switch (company.companySize) {
            case "MICRO" -> 0.3;
            case "SMALL" -> 0.6;
            case "MEDIUM" -> 1.2;
            default -> 2.5;
        };
        Unit unit = new Unit(rng, Stage.CORPORATE, place, since, scale, List.of(company));
        boolean big = company.companySize.equals("MEDIUM") || company.companySize.equals("LARGE");
        sell(unit, big && rng.chance(0.5) ? "CP02" : "CP01", company, company, 0.95);
        sell(unit, "LB01", company, company, 0.5);
        sell(unit, "MT01", company, company, 0.3);
        writeInteractions(unit, company);
        remember(company.id);
        return 1;
    }

    /**
     * 91 (an enterprise registered with market regulation), the six-digit division code of the city, a nine-character
     * organisation code (eight digits unique per customer id, GB 11714 check character) and the GB 32100 check character.
     */
    private String creditCode(Place place, long customerId) {
        long body = Math.floorMod(customerId * 7_919L + spec.seed(), 100_000_000L);
        String digits = pad(body, 8);
        int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        String organisation = digits + (check == 10 ? "X" : check == 11 ? "0" : String.valueOf(check));
        String first17 = "91" + place.city().idPrefix() + "00" + organisation;
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    // ------------------------------------------------------------------ policies

    /** What each life stage buys: the needs of the stage (young single → accident, medical; …; senior → care, medical). */
    private void writeFamilyPolicies(Unit unit) {
        Rng rng = unit.rng();
        List<Person> people = unit.people();
        Person self = people.get(0);
        double w = unit.wealth();
        switch (unit.stage()) {
            case YOUNG_SINGLE -> {
                sell(unit, "MED01", self, self, 0.50);
                sell(unit, "ACC01", self, self, 0.28);
                sell(unit, "CI01", self, self, 0.08 * w);
                sell(unit, "HP01", self, self, 0.12);
                sell(unit, "MT01", self, self, 0.10 * w);
            }
            case NEW_COUPLE -> {
                sell(unit, "MED01", self, self, 0.65);
                sell(unit, "ACC01", self, self, 0.30);
                sell(unit, "CI01", self, self, 0.30 * w);
                sell(unit, rng.chance(0.5) ? "TL01" : "TL02", self, self, 0.30 * w);
                sell(unit, w > 1.2 ? "HP02" : "HP01", self, self, 0.40);
                sell(unit, "MT01", self, self, 0.30 * w);
                sell(unit, "MED01", self, spouse(people), 0.45);
            }
            case YOUNG_FAMILY -> {
                sell(unit, w > 1.2 && rng.chance(0.4) ? "MED02" : "MED01", self, self, 0.75);
                sell(unit, "CI01", self, self, 0.45 * w);
                sell(unit, rng.chance(0.5) ? "TL01" : "TL02", self, self, 0.40 * w);
                sell(unit, w > 1.2 ? "HP02" : "HP01", self, self, 0.50);
                sell(unit, "MT01", self, self, 0.40 * w);
                sell(unit, "MED01", self, spouse(people), 0.50);
                sell(unit, "CI01", self, spouse(people), 0.20 * w);
                for (Person child : members(people, "CHILD")) {
                    sell(unit, "MED01", self, child, 0.50);
                    sell(unit, "ACC02", self, child, 0.40);
                    sell(unit, "CI02", self, child, 0.25 * w);
                    sell(unit, "ED01", self, child, 0.25 * w);
                }
            }
            case SANDWICH -> {
                sell(unit, w > 1.2 && rng.chance(0.5) ? "MED02" : "MED01", self, self, 0.80);
                sell(unit, "CI01", self, self, 0.55 * w);
                sell(unit, rng.chance(0.5) ? "TL01" : "TL02", self, self, 0.35 * w);
                sell(unit, "WL01", self, self, 0.25 * w * w);
                sell(unit, w > 1.5 && rng.chance(0.5) ? "AN02" : "AN01", self, self, 0.30 * w * w);
                sell(unit, w > 1.2 ? "HP02" : "HP01", self, self, 0.60);
                sell(unit, "MT01", self, self, 0.55 * w);
                sell(unit, "LB02", self, self, 0.08 * w);
                sell(unit, "MED01", self, spouse(people), 0.50);
                sell(unit, "CI01", self, spouse(people), 0.25 * w);
                for (Person child : members(people, "CHILD")) {
                    sell(unit, "MED01", self, child, 0.35);
                    sell(unit, "ACC02", self, child, child.age < 18 ? 0.25 : 0.0);
                    sell(unit, "ED01", self, child, child.age < 14 ? 0.25 * w : 0.0);
                }
                for (Person parent : members(people, "PARENT")) {
                    sell(unit, "MED03", self, parent, 0.35);
                    sell(unit, "LTC01", self, parent, 0.15 * w);
                    sell(unit, "ACC01", self, parent, 0.12);
                }
            }
            case SENIOR -> {
                sell(unit, self.age <= 65 && rng.chance(0.5) ? "MED01" : "MED03", self, self, 0.55);
                sell(unit, "LTC01", self, self, 0.20 * w);
                sell(unit, "ACC01", self, self, 0.30);
                sell(unit, "AN01", self, self, 0.06 * w * w);
                sell(unit, "HP01", self, self, 0.45);
                sell(unit, "MED03", self, spouse(people), 0.35);
            }
            default -> throw new IllegalStateException("companies buy elsewhere");
        }
    }

    private static Person spouse(List<Person> people) {
        for (Person p : people) {
            if (p.relationship.equals("SPOUSE")) {
                return p;
            }
        }
        return null;
    }

    private static List<Person> members(List<Person> people, String relationship) {
        return people.stream().filter(p -> p.relationship.equals(relationship)).toList();
    }

    /** Sells a product with the given probability: one policy, or for a one-year product a chain of renewals. */
    private void sell(Unit unit, String code, Person holder, Person insured, double probability) {
        Rng rng = unit.rng();
        if (insured == null || !rng.chance(Math.min(0.97, probability))) {
            return;
        }
        CatalogueEntry product = CatalogueEntry.byCode(code);
        LocalDate earliest = unit.since();
        LocalDate insurable = insured.birth.plusDays(28);
        if (insurable.isAfter(earliest)) {
            earliest = insurable;
        }
        long room = ChronoUnit.DAYS.between(earliest, today);
        if (room < 0) {
            return;
        }
        LocalDate start = earliest.plusDays(rng.nextInt((int) Math.min(room, 900) + 1));
        String channel = channel(rng, product, unit.stage());
        String frequency = frequency(rng, product);
        long annual = annualPremium(rng, product, insured, unit.wealth());
        if (product.shortTerm()) {
            writeChain(unit, product, holder, insured, start, channel, frequency, annual);
        } else {
            writeLongTerm(unit, product, holder, insured, start, channel, frequency, annual);
        }
    }

    private void writeChain(Unit unit, CatalogueEntry product, Person holder, Person insured, LocalDate start,
                            String channel, String frequency, long annual) {
        Rng rng = unit.rng();
        long previous = 0;
        double renewal = switch (product.line()) {
            case HOME_PROPERTY -> 0.86;
            case MOTOR -> 0.85;
            case CORPORATE_PROPERTY -> 0.84;
            case MEDICAL -> 0.82;
            default -> 0.78;
        };
        LocalDate s = start;
        while (true) {
            LocalDate e = s.plusMonths(product.termMonths());
            boolean current = !e.isBefore(today);
            double u = rng.nextDouble();
            String status;
            LocalDate terminated = null;
            if (u < 0.02) {
                status = "CANCELLED";
                terminated = dayIn(rng, s, current ? today : e.minusDays(1));
            } else if (u < 0.045 && !frequency.equals("ANNUAL") && !frequency.equals("SINGLE")) {
                status = "LAPSED";
                terminated = dayIn(rng, s.plusMonths(1).isAfter(today) ? s : s.plusMonths(1), current ? today : e.minusDays(1));
            } else {
                status = current ? "ACTIVE" : "EXPIRED";
            }
            long id = writePolicy(unit, product, holder, insured, s, e, status, terminated, previous, channel, frequency, annual);
            writeClaims(unit, product, insured, id, s, terminated != null ? terminated : e);
            if (terminated != null || current || !rng.chance(renewal)) {
                return;
            }
            previous = id;
            s = e;
            if (product.line() == ProductLine.MEDICAL) {
                annual = annual * (100 + rng.between(0, 8)) / 100;
            }
        }
    }

    private void writeLongTerm(Unit unit, CatalogueEntry product, Person holder, Person insured, LocalDate start,
                               String channel, String frequency, long annual) {
        Rng rng = unit.rng();
        LocalDate e = start.plusMonths(product.termMonths());
        boolean current = !e.isBefore(today);
        double yearsInForce = ChronoUnit.DAYS.between(start, today) / 365.0;
        String status = current ? "ACTIVE" : "EXPIRED";
        LocalDate terminated = null;
        double u = rng.nextDouble();
        if (u < 0.03) {
            status = "CANCELLED";
            terminated = dayIn(rng, start, min(start.plusDays(15), today));
        } else if (!frequency.equals("SINGLE") && u < 0.03 + Math.min(0.2, 0.025 * yearsInForce)) {
            status = "LAPSED";
            terminated = dayIn(rng, min(start.plusYears(1), today), today);
        }
        long id = writePolicy(unit, product, holder, insured, start, e, status, terminated, 0, channel, frequency, annual);
        writeClaims(unit, product, insured, id, start, terminated != null ? terminated : e);
    }

    private long writePolicy(Unit unit, CatalogueEntry product, Person holder, Person insured, LocalDate start,
                             LocalDate end, String status, LocalDate terminated, long renews, String channel,
                             String frequency, long annual) {
        Rng rng = unit.rng();
        long id = ++nextPolicy;
        int perYear = switch (frequency) {
            case "MONTHLY" -> 12;
            case "QUARTERLY" -> 4;
            case "SEMI_ANNUAL" -> 2;
            default -> 1;
        };
        long premium = frequency.equals("SINGLE") ? annual * 5 : Math.max(1, annual / perYear);
        long annualPremium = frequency.equals("SINGLE") ? premium : premium * perYear;
        long sumInsured = sumInsured(rng, product, annual);
        LocalDateTime created = start.minusDays(rng.nextInt(8)).atTime(rng.between(9, 20), rng.nextInt(60));
        emit(BookTable.POLICY, row.start().add(id).add("P" + start.getYear() + pad(id, 10))
                .add(holder.id).add(insured.id).add(productId(product)).money(premium).add(frequency).money(annualPremium)
                .money(sumInsured).add(start).add(end).add(status).add(terminated).ref(renews).add(channel)
                .add(unit.place().agent().id()).add(unit.place().branch().id()).add(created));
        return id;
    }

    private String channel(Rng rng, CatalogueEntry product, Stage stage) {
        double u = rng.nextDouble();
        if (stage == Stage.CORPORATE) {
            return u < 0.55 ? "AGENT" : u < 0.9 ? "BROKER" : "TELESALES";
        }
        if (product.layer() == io.insurecrm.product.ProductLayer.WEALTH) {
            return u < 0.55 ? "AGENT" : u < 0.92 ? "BANCASSURANCE" : "BROKER";
        }
        if (product.line() == ProductLine.MEDICAL || product.line() == ProductLine.ACCIDENT) {
            return u < 0.50 ? "AGENT" : u < 0.85 ? "ONLINE" : u < 0.95 ? "TELESALES" : "BANCASSURANCE";
        }
        return u < 0.70 ? "AGENT" : u < 0.82 ? "ONLINE" : u < 0.92 ? "TELESALES" : "BROKER";
    }

    private String frequency(Rng rng, CatalogueEntry product) {
        double u = rng.nextDouble();
        if (product.shortTerm()) {
            if (product.line().category() == io.insurecrm.product.ProductCategory.PROPERTY) {
                return u < 0.93 ? "ANNUAL" : "SEMI_ANNUAL";
            }
            return u < 0.78 ? "ANNUAL" : u < 0.95 ? "MONTHLY" : "QUARTERLY";
        }
        boolean lumpSum = product.line() == ProductLine.WHOLE_LIFE || product.line() == ProductLine.ANNUITY
                || product.line() == ProductLine.EDUCATION;
        if (lumpSum && u < 0.2) {
            return "SINGLE";
        }
        return u < 0.8 ? "ANNUAL" : u < 0.9 ? "MONTHLY" : u < 0.95 ? "SEMI_ANNUAL" : "QUARTERLY";
    }

    /** The yearly premium in fen: medical and care cost more with age, wealth products grow with income. */
    private static long annualPremium(Rng rng, CatalogueEntry product, Person insured, double wealth) {
        double u = rng.nextDouble();
        double yuan;
        if (product.line() == ProductLine.MEDICAL || product.line() == ProductLine.LONG_TERM_CARE
                || product.line() == ProductLine.CRITICAL_ILLNESS) {
            double ageFactor = insured.corporate ? 0.5 : Math.min(1.0, Math.max(0.0, (insured.age - 5) / 70.0));
            yuan = product.minPremium() + (product.maxPremium() - product.minPremium()) * (0.7 * ageFactor + 0.3 * u);
        } else {
            yuan = product.minPremium() + (product.maxPremium() - product.minPremium()) * u * u;
            if (product.layer() == io.insurecrm.product.ProductLayer.WEALTH || insured.corporate) {
                yuan *= wealth;
            }
        }
        return Math.round(yuan) * 100;
    }

    private static long sumInsured(Rng rng, CatalogueEntry product, long annualFen) {
        if (product.line() == ProductLine.WHOLE_LIFE || product.line() == ProductLine.ANNUITY
                || product.line() == ProductLine.EDUCATION) {
            return annualFen * rng.between(10, 20);
        }
        long step = 10_000;
        long yuan = product.minSumInsured() + (long) ((product.maxSumInsured() - product.minSumInsured()) * rng.nextDouble());
        return (yuan / step) * step * 100;
    }

    // ------------------------------------------------------------------ claims

    private static final String[] TYPHOON_TEXTS = {"台风暴雨导致门窗损坏、室内进水", "台风刮落阳台物品造成财产损失", "台风期间屋顶渗漏"};
    private static final String[] RAIN_TEXTS = {"汛期暴雨导致室内进水", "梅雨季墙体渗水发霉", "连续降雨地下室被淹"};
    private static final String[] FROST_TEXTS = {"冬季水管冻裂漏水", "暖气管道冻裂泡坏地板", "寒潮导致水表冻裂"};

    /** Claims on one policy term, from its start to its end or termination (and never after yesterday). */
    private void writeClaims(Unit unit, CatalogueEntry product, Person insured, long policyId, LocalDate from, LocalDate to) {
        if (product.claimsPerYear() <= 0) {
            return;
        }
        Rng rng = unit.rng();
        LocalDate last = min(to, today.minusDays(1));
        long days = ChronoUnit.DAYS.between(from, last);
        if (days < 0) {
            return;
        }
        Climate climate = unit.place().province().climate();
        double rate = CLAIM_FREQUENCY_SCALE * product.claimsPerYear() * days / 365.0 * climateFactor(product.line(), climate);
        int n = Math.min(3, rng.poisson(rate));
        for (int i = 0; i < n; i++) {
            LocalDate incident = seasonalDay(rng, product.line(), climate, from, last);
            writeClaim(rng, product, climate, insured, policyId, incident);
        }
    }

    private static double climateFactor(ProductLine line, Climate climate) {
        if (line != ProductLine.HOME_PROPERTY && line != ProductLine.CORPORATE_PROPERTY) {
            return 1.0;
        }
        return switch (climate) {
            case TYPHOON_COAST -> 1.6;
            case RAINY_SOUTH -> 1.4;
            case COLD_NORTH -> 1.2;
            default -> 0.7;
        };
    }

    /**
     * How likely a claim of a line is in a month of a climate, relative to the rest of the year: typhoon season
     * (July–September) on the coast, the plum-rain and flood season (May–July) in the rainy south, frozen pipes
     * (December–February) in the cold north; medical claims all year with a winter bump.
     */
    static double seasonWeight(ProductLine line, Climate climate, int month) {
        boolean property = line == ProductLine.HOME_PROPERTY || line == ProductLine.CORPORATE_PROPERTY;
        if (property) {
            return switch (climate) {
                case TYPHOON_COAST -> month >= 7 && month <= 9 ? 4.0 : month == 6 || month == 10 ? 1.5 : 0.6;
                case RAINY_SOUTH -> month >= 5 && month <= 7 ? 4.0 : month == 8 ? 2.0 : 0.6;
                case COLD_NORTH -> month == 12 || month <= 2 ? 4.0 : month == 11 || month == 3 ? 1.5 : 0.6;
                default -> 1.0;
            };
        }
        if (line == ProductLine.MOTOR) {
            return climate == Climate.COLD_NORTH && (month == 12 || month == 1) ? 1.6 : 1.0;
        }
        if (line == ProductLine.MEDICAL) {
            return month == 12 || month <= 2 ? 1.25 : 1.0;
        }
        return 1.0;
    }

    private static LocalDate seasonalDay(Rng rng, ProductLine line, Climate climate, LocalDate from, LocalDate to) {
        LocalDate day = from;
        for (int attempt = 0; attempt < 30; attempt++) {
            day = dayIn(rng, from, to);
            if (rng.nextDouble() * 4.0 < seasonWeight(line, climate, day.getMonthValue())) {
                return day;
            }
        }
        return day;
    }

    private void writeClaim(Rng rng, CatalogueEntry product, Climate climate, Person insured, long policyId, LocalDate incident) {
        long id = ++nextClaim;
        LocalDate yesterday = today.minusDays(1);
        LocalDate reported = min(incident.plusDays(rng.between(0, 10)), yesterday);
        long claimed = (long) (product.minClaim() + (product.maxClaim() - product.minClaim()) * Math.pow(rng.nextDouble(), 3)) * 100;
        boolean rejected = rng.chance(0.1);
        String[] path = rejected ? new String[] {"REPORTED", "ASSESSING", "REJECTED"}
                : new String[] {"REPORTED", "ASSESSING", "APPROVED", "PAID"};
        int[] gaps = {0, rng.between(0, 3), rng.between(2, 20), rng.between(1, 7)};
        List<String> statuses = new ArrayList<>();
        List<LocalDateTime> times = new ArrayList<>();
        LocalDate day = reported;
        LocalDateTime previous = null;
        for (int step = 0; step < path.length; step++) {
            day = day.plusDays(gaps[step]);
            if (day.isAfter(yesterday)) {
                break;
            }
            LocalDateTime at = day.atTime(rng.between(8, 19), rng.nextInt(60));
            if (previous != null && !at.isAfter(previous)) {
                at = previous.plusMinutes(rng.between(10, 120));
            }
            statuses.add(path[step]);
            times.add(at);
            previous = at;
        }
        String status = statuses.get(statuses.size() - 1);
        boolean paidOut = status.equals("APPROVED") || status.equals("PAID");
        Long paid = paidOut ? claimed * rng.between(60, 100) / 100 : null;
        LocalDate settled = status.equals("PAID") || status.equals("REJECTED") ? times.get(times.size() - 1).toLocalDate() : null;
        emit(BookTable.CLAIM, row.start().add(id).add("C" + reported.toString().replace("-", "") + pad(id, 8))
                .add(policyId).add(insured.id).add(incident).add(reported).add(settled).money(claimed).moneyOrNull(paid)
                .add(status).add(textSealer.apply(claimText(rng, product, climate, incident.getMonthValue()))));
        for (int i = 0; i < statuses.size(); i++) {
            emit(BookTable.CLAIM_STATUS_CHANGE, row.start().add(id).add(i + 1).add(statuses.get(i)).add(times.get(i))
                    .add(textSealer.apply(CLAIM_NOTES.get(statuses.get(i)))));
        }
    }

    private static final Map<String, String> CLAIM_NOTES = Map.of(
            "REPORTED", "客户报案",
            "ASSESSING", "理赔材料已齐全，进入审核",
            "APPROVED", "审核通过，核定赔付金额",
            "PAID", "赔款已支付至客户账户",
            "REJECTED", "不属于保险责任范围，不予赔付");

    private static String claimText(Rng rng, CatalogueEntry product, Climate climate, int month) {
        boolean property = product.line() == ProductLine.HOME_PROPERTY || product.line() == ProductLine.CORPORATE_PROPERTY;
        if (property && seasonWeight(product.line(), climate, month) >= 4.0 && rng.chance(0.8)) {
            return rng.pick(switch (climate) {
                case TYPHOON_COAST -> TYPHOON_TEXTS;
                case RAINY_SOUTH -> RAIN_TEXTS;
                default -> FROST_TEXTS;
            });
        }
        return rng.pick(product.claimTexts());
    }

    // ------------------------------------------------------------------ interactions

    private static final String[] TYPES = {"CONSULTATION", "SERVICE_REQUEST", "SURVEY", "COMPLAINT", "EVENT_ATTENDANCE"};
    private static final double[] TYPE_WEIGHTS = Rng.cumulative(36, 26, 20, 6, 12);
    private static final Map<String, String[]> OUTCOMES = Map.of(
            "CONSULTATION", new String[] {"咨询百万医疗险保障范围", "咨询续保流程", "咨询理赔所需材料", "咨询重疾险与医疗险的区别", "咨询家财险保障范围"},
            "SERVICE_REQUEST", new String[] {"变更联系电话", "补发电子保单", "变更扣款银行卡", "变更保单受益人", "申请保单贷款"},
            "SURVEY", new String[] {"理赔满意度回访", "续保满意度回访", "年度服务满意度调查"},
            "COMPLAINT", new String[] {"理赔进度慢，已升级处理", "对续保保费上涨不满，已解释", "电话销售打扰，已登记勿扰"},
            "EVENT_ATTENDANCE", new String[] {"参加家庭保障讲座", "参加客户答谢会", "参加季度居家安全课堂", "参加健康体检日活动"});
    private static final double[] NPS_WEIGHTS = Rng.cumulative(1, 1, 1, 1, 2, 4, 6, 11, 18, 25, 30);

    private void writeInteractions(Unit unit, Person person) {
        Rng rng = unit.rng();
        LocalDate from = person.birth.isAfter(unit.since()) ? person.birth : unit.since();
        LocalDate to = today.minusDays(1);
        if (from.isAfter(to)) {
            return;
        }
        double mean = person.relationship.equals("SELF") ? 1.5 : 0.5;
        int n = rng.poisson(mean);
        for (int i = 0; i < n; i++) {
            String type = TYPES[rng.weighted(TYPE_WEIGHTS)];
            String channel = switch (type) {
                case "EVENT_ATTENDANCE" -> "EVENT";
                case "SURVEY" -> rng.pick(new String[] {"PHONE", "WECHAT", "APP", "EMAIL"});
                case "COMPLAINT" -> rng.pick(new String[] {"PHONE", "PHONE", "BRANCH", "APP", "WECHAT"});
                default -> rng.pick(new String[] {"PHONE", "WECHAT", "APP", "BRANCH", "VISIT", "EMAIL"});
            };
            long agent = channel.equals("VISIT") || channel.equals("EVENT") || channel.equals("BRANCH")
                    ? unit.place().agent().id() : 0;
            LocalDateTime at = dayIn(rng, from, to).atTime(rng.between(8, 21), rng.nextInt(60));
            Row r = row.start().add(++nextInteraction).add(person.id).add(type).add(channel).add(at)
                    .add(textSealer.apply(rng.pick(OUTCOMES.get(type))));
            if (type.equals("SURVEY")) {
                r.add(rng.weighted(NPS_WEIGHTS));
            } else {
                r.nul();
            }
            emit(BookTable.INTERACTION, r.nul().ref(agent));
        }
    }

    /** One unit in ten came by referral (转介绍) from a recent customer, recorded on the referrer. */
    private void writeReferral(Unit unit) {
        Rng rng = unit.rng();
        if (recentAdultCount == 0 || !rng.chance(0.1)) {
            return;
        }
        long referrer = recentAdults[rng.nextInt(Math.min(recentAdultCount, recentAdults.length))];
        LocalDateTime at = unit.since().atTime(rng.between(9, 20), rng.nextInt(60));
        emit(BookTable.INTERACTION, row.start().add(++nextInteraction).add(referrer).add("REFERRAL")
                .add(rng.pick(new String[] {"WECHAT", "PHONE", "VISIT"})).add(at).add(textSealer.apply("推荐亲友投保")).nul()
                .add(unit.people().get(0).id).add(unit.place().agent().id()));
    }

    private void remember(long customerId) {
        recentAdults[recentAdultCount % recentAdults.length] = customerId;
        recentAdultCount++;
    }

    // ------------------------------------------------------------------ helpers

    private void emit(BookTable table, Row r) {
        counts[table.ordinal()]++;
        sink.row(table, r.line());
    }

    /** The number with leading zeros to the width (String.format is a hundred times slower, and this runs per row). */
    static String pad(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static LocalDate dayIn(Rng rng, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(rng.nextInt((int) days + 1));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
