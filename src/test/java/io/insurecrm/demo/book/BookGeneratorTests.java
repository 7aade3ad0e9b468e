package io.insurecrm.demo.book;

import io.insurecrm.customer.ChineseIdNumber;
import io.insurecrm.customer.Gender;
import io.insurecrm.customer.PhoneNumber;
import io.insurecrm.customer.UnifiedSocialCreditCode;
import io.insurecrm.product.ProductLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BookGeneratorTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static Book book;

    /** One book of 20,000 customers, kept as split rows, that the invariant tests read. */
    @BeforeAll
    static void generate() {
        book = Book.of(BookSpec.of(11, 20_000, TODAY));
    }

    record Book(BookCounts counts, Map<BookTable, List<String[]>> rows) {

        static Book of(BookSpec spec) {
            Map<BookTable, List<String[]>> rows = new EnumMap<>(BookTable.class);
            for (BookTable table : BookTable.values()) {
                rows.put(table, new ArrayList<>());
            }
            BookCounts counts = new BookGenerator(spec).generate((table, line) -> rows.get(table).add(line.toString().split("\t", -1)));
            return new Book(counts, rows);
        }

        List<String[]> of(BookTable table) {
            return rows.get(table);
        }

        Map<String, String[]> byId(BookTable table) {
            return of(table).stream().collect(Collectors.toMap(r -> r[0], r -> r));
        }
    }

    static Map<BookTable, String> digests(BookSpec spec) throws Exception {
        Map<BookTable, MessageDigest> digests = new EnumMap<>(BookTable.class);
        for (BookTable table : BookTable.values()) {
            digests.put(table, MessageDigest.getInstance("SHA-256"));
        }
        new BookGenerator(spec).generate((table, line) ->
                digests.get(table).update((line + "\n").getBytes(StandardCharsets.UTF_8)));
        Map<BookTable, String> hex = new EnumMap<>(BookTable.class);
        digests.forEach((table, digest) -> hex.put(table, HexFormat.of().formatHex(digest.digest())));
        return hex;
    }

    static boolean isNull(String field) {
        return field.equals("\\N");
    }

    static LocalDate date(String field) {
        return isNull(field) ? null : LocalDate.parse(field);
    }

    static LocalDateTime time(String field) {
        return LocalDateTime.parse(field.substring(0, 19), TIMESTAMP);
    }

    @Test
    void theSameSeedAndSizeGiveTheSameRowsAndAnotherSeedOthers() throws Exception {
        BookSpec spec = BookSpec.of(42, 3_000, TODAY);
        Map<BookTable, String> first = digests(spec);
        Map<BookTable, String> second = digests(spec);
        Map<BookTable, String> otherSeed = digests(BookSpec.of(43, 3_000, TODAY));

        assertThat(second).isEqualTo(first);
        for (BookTable table : List.of(BookTable.AGENT, BookTable.CUSTOMER, BookTable.HOUSEHOLD_MEMBER, BookTable.POLICY,
                BookTable.CLAIM, BookTable.INTERACTION)) {
            assertThat(otherSeed.get(table)).as(table.tableName()).isNotEqualTo(first.get(table));
        }
    }

    @Test
    void hasTheRequestedCustomersAndTheExpectedProportions() {
        long customers = book.counts().of(BookTable.CUSTOMER);
        assertThat(customers).isEqualTo(20_000);
        assertThat(book.of(BookTable.CUSTOMER)).hasSize(20_000);
        long corporate = book.of(BookTable.CUSTOMER).stream().filter(r -> r[1].equals("CORPORATE")).count();
        assertThat(corporate / (double) customers).isBetween(0.02, 0.045);
        assertThat(book.counts().of(BookTable.POLICY) / (double) customers).isBetween(2.5, 3.5);
        assertThat(book.counts().of(BookTable.CLAIM) / (double) customers).isBetween(0.22, 0.4);
        assertThat(book.counts().of(BookTable.AGENT)).isBetween(120L, 140L);
        assertThat(book.counts().of(BookTable.BRANCH)).isBetween(31L, 62L);
        assertThat(book.of(BookTable.CUSTOMER).stream().map(r -> r[13]).distinct()).hasSize(31);
    }

    @Test
    void everyIdNumberIsValidUniqueAndAgreesWithTheCustomer() {
        Set<String> seen = new HashSet<>();
        for (String[] c : book.of(BookTable.CUSTOMER)) {
            if (!c[1].equals("INDIVIDUAL")) {
                continue;
            }
            ChineseIdNumber id = new ChineseIdNumber(c[5]);
            assertThat(id.regionCode()).isEqualTo(c[13]);
            assertThat(id.birthDate()).isEqualTo(LocalDate.parse(c[4]));
            assertThat(id.gender()).isEqualTo(Gender.valueOf(c[3]));
            assertThat(seen.add(c[5])).as("unique ID number %s", c[5]).isTrue();
            assertThat(c[2]).matches("\\p{IsHan}{2,4}");
        }
        assertThat(seen).hasSizeGreaterThan(19_000);
    }

    @Test
    void everyPhoneIsAValidUniqueMobileAndEveryCreditCodeValidAndUnique() {
        Set<String> phones = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (String[] c : book.of(BookTable.CUSTOMER)) {
            if (!isNull(c[12])) {
                assertThat(c[12]).matches("1[3-9]\\d{9}");
                assertThat(PhoneNumber.isValid(c[12])).isTrue();
                assertThat(phones.add(c[12])).as("unique phone %s", c[12]).isTrue();
            }
            if (c[1].equals("CORPORATE")) {
                assertThat(UnifiedSocialCreditCode.isValid(c[9])).as(c[9]).isTrue();
                assertThat(codes.add(c[9])).isTrue();
                assertThat(c[2]).endsWith("公司");
                assertThat(c[5]).isEqualTo("\\N");
            }
        }
        for (String[] a : book.of(BookTable.AGENT)) {
            assertThat(phones.add(a[5])).as("agent phones are unique too").isTrue();
        }
        assertThat(codes).isNotEmpty();
    }

    @Test
    void householdsHaveOneHeadSharePlaceAndPlausibleAges() {
        Map<String, String[]> customers = book.byId(BookTable.CUSTOMER);
        Map<String, List<String[]>> members = book.of(BookTable.HOUSEHOLD_MEMBER).stream()
                .collect(Collectors.groupingBy(m -> m[0]));
        Set<String> inAHousehold = new HashSet<>();
        assertThat(members).hasSameSizeAs(book.of(BookTable.HOUSEHOLD));
        Map<String, Integer> relationships = new HashMap<>();
        for (List<String[]> household : members.values()) {
            List<String[]> heads = household.stream().filter(m -> m[2].equals("SELF")).toList();
            assertThat(heads).hasSize(1);
            String[] self = customers.get(heads.get(0)[1]);
            LocalDate selfBirth = LocalDate.parse(self[4]);
            for (String[] m : household) {
                assertThat(inAHousehold.add(m[1])).as("customer %s in one household", m[1]).isTrue();
                String[] c = customers.get(m[1]);
                assertThat(c[1]).isEqualTo("INDIVIDUAL");
                assertThat(c[13]).isEqualTo(self[13]);
                assertThat(c[14]).isEqualTo(self[14]);
                assertThat(c[15]).isEqualTo(self[15]);
                LocalDate birth = LocalDate.parse(c[4]);
                relationships.merge(m[2], 1, Integer::sum);
                switch (m[2]) {
                    case "CHILD" -> assertThat(birth).isAfter(selfBirth.plusYears(21));
                    case "PARENT" -> assertThat(birth).isBefore(selfBirth.minusYears(19));
                    case "SPOUSE" -> assertThat(c[3]).isNotEqualTo(self[3]);
                    default -> { }
                }
                assertThat(LocalDate.parse(m[3])).isAfterOrEqualTo(birth);
            }
        }
        assertThat(relationships.keySet()).containsExactlyInAnyOrder("SELF", "SPOUSE", "CHILD", "PARENT");
    }

    @Test
    void policyStatusesAgreeWithTheirDatesAndRenewalsChain() {
        Map<String, String[]> policies = book.byId(BookTable.POLICY);
        Map<String, Integer> statuses = new HashMap<>();
        long renewals = 0;
        for (String[] p : book.of(BookTable.POLICY)) {
            LocalDate start = date(p[9]);
            LocalDate end = date(p[10]);
            String status = p[11];
            LocalDate terminated = date(p[12]);
            statuses.merge(status, 1, Integer::sum);
            assertThat(end).isAfter(start);
            assertThat(start).isBetween(TODAY.minusYears(10), TODAY);
            assertThat(terminated != null).isEqualTo(status.equals("LAPSED") || status.equals("CANCELLED"));
            if (terminated != null) {
                assertThat(terminated).isBetween(start, end).isBeforeOrEqualTo(TODAY);
            }
            if (status.equals("ACTIVE")) {
                assertThat(end).isAfterOrEqualTo(TODAY);
            }
            if (status.equals("EXPIRED")) {
                assertThat(end).isBefore(TODAY);
            }
            long premium = fen(p[5]);
            long annual = fen(p[7]);
            int perYear = switch (p[6]) {
                case "MONTHLY" -> 12;
                case "QUARTERLY" -> 4;
                case "SEMI_ANNUAL" -> 2;
                default -> 1;
            };
            assertThat(annual).isEqualTo(premium * perYear);
            if (!isNull(p[13])) {
                renewals++;
                String[] previous = policies.get(p[13]);
                assertThat(Long.parseLong(previous[0])).isLessThan(Long.parseLong(p[0]));
                assertThat(previous[11]).isEqualTo("EXPIRED");
                assertThat(date(previous[10])).isEqualTo(start);
                assertThat(previous[2]).isEqualTo(p[2]);
                assertThat(previous[3]).isEqualTo(p[3]);
                assertThat(previous[4]).isEqualTo(p[4]);
            }
        }
        assertThat(statuses.keySet()).containsExactlyInAnyOrder("ACTIVE", "EXPIRED", "LAPSED", "CANCELLED");
        assertThat(renewals).isGreaterThan(book.of(BookTable.POLICY).size() / 3);
    }

    @Test
    void parentsInsureTheirChildrenAndHoldersAreMostlyTheInsured() {
        Map<String, String> relationship = book.of(BookTable.HOUSEHOLD_MEMBER).stream()
                .collect(Collectors.toMap(m -> m[1], m -> m[2]));
        long own = book.of(BookTable.POLICY).stream().filter(p -> p[2].equals(p[3])).count();
        long forChildren = book.of(BookTable.POLICY).stream()
                .filter(p -> !p[2].equals(p[3]) && "CHILD".equals(relationship.get(p[3]))).count();
        assertThat(own / (double) book.of(BookTable.POLICY).size()).isGreaterThan(0.6);
        assertThat(forChildren).isPositive();
    }

    @Test
    void claimsFollowTheStatusPathWithinThePolicyTerm() {
        Map<String, String[]> policies = book.byId(BookTable.POLICY);
        Map<String, List<String[]>> changes = book.of(BookTable.CLAIM_STATUS_CHANGE).stream()
                .collect(Collectors.groupingBy(c -> c[0]));
        List<String> paid = List.of("REPORTED", "ASSESSING", "APPROVED", "PAID");
        List<String> rejected = List.of("REPORTED", "ASSESSING", "REJECTED");
        for (String[] claim : book.of(BookTable.CLAIM)) {
            String[] policy = policies.get(claim[2]);
            LocalDate incident = date(claim[4]);
            LocalDate reported = date(claim[5]);
            LocalDate termEnd = isNull(policy[12]) ? date(policy[10]) : date(policy[12]);
            assertThat(incident).isBetween(date(policy[9]), termEnd);
            assertThat(reported).isAfterOrEqualTo(incident).isBefore(TODAY);
            assertThat(claim[3]).isEqualTo(policy[3]);

            List<String[]> steps = changes.get(claim[0]);
            List<String> path = steps.stream().map(s -> s[2]).toList();
            assertThat(steps.stream().map(s -> Integer.parseInt(s[1])).toList())
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, steps.size()).boxed().toList());
            assertThat(path.equals(paid.subList(0, path.size())) || path.equals(rejected.subList(0, path.size())))
                    .as("path %s", path).isTrue();
            String status = claim[9];
            assertThat(path.get(path.size() - 1)).isEqualTo(status);
            for (int i = 1; i < steps.size(); i++) {
                assertThat(time(steps.get(i)[3])).isAfter(time(steps.get(i - 1)[3]));
            }
            boolean approved = status.equals("APPROVED") || status.equals("PAID");
            assertThat(!isNull(claim[8])).isEqualTo(approved);
            if (approved) {
                assertThat(fen(claim[8])).isLessThanOrEqualTo(fen(claim[7]));
            }
            boolean settled = status.equals("PAID") || status.equals("REJECTED");
            assertThat(!isNull(claim[6])).isEqualTo(settled);
            if (settled) {
                assertThat(date(claim[6])).isEqualTo(time(steps.get(steps.size() - 1)[3]).toLocalDate())
                        .isAfterOrEqualTo(reported);
            }
        }
        assertThat(book.of(BookTable.CLAIM).stream().map(c -> c[9]).distinct()).contains("PAID", "REJECTED");
    }

    @Test
    void homeClaimsPeakInTyphoonSeasonOnTheCoastAndInWinterInTheNorth() {
        Map<String, String[]> policies = book.byId(BookTable.POLICY);
        Map<String, String[]> customers = book.byId(BookTable.CUSTOMER);
        Set<String> homeProducts = book.of(BookTable.PRODUCT).stream().filter(p -> p[4].equals("HOME_PROPERTY"))
                .map(p -> p[0]).collect(Collectors.toSet());
        Map<String, Province.Climate> climate = Province.ALL.stream().collect(Collectors.toMap(Province::code, Province::climate));
        int coast = 0;
        int coastInSeason = 0;
        int north = 0;
        int northInWinter = 0;
        for (String[] claim : book.of(BookTable.CLAIM)) {
            String[] policy = policies.get(claim[2]);
            if (!homeProducts.contains(policy[4])) {
                continue;
            }
            int month = date(claim[4]).getMonthValue();
            switch (climate.get(customers.get(policy[2])[13])) {
                case TYPHOON_COAST -> {
                    coast++;
                    coastInSeason += month >= 7 && month <= 9 ? 1 : 0;
                }
                case COLD_NORTH -> {
                    north++;
                    northInWinter += month == 12 || month <= 2 ? 1 : 0;
                }
                default -> { }
            }
        }
        assertThat(coast).isGreaterThan(50);
        assertThat(coastInSeason / (double) coast).as("Jul–Sep share on the typhoon coast").isGreaterThan(0.45);
        assertThat(north).isGreaterThan(50);
        assertThat(northInWinter / (double) north).as("Dec–Feb share in the cold north").isGreaterThan(0.45);
    }

    @Test
    void interactionsCarryNpsOnlyOnSurveysAndReferralsNameAnotherCustomer() {
        Map<String, String[]> customers = book.byId(BookTable.CUSTOMER);
        Set<String> types = new HashSet<>();
        for (String[] i : book.of(BookTable.INTERACTION)) {
            types.add(i[2]);
            assertThat(customers).containsKey(i[1]);
            if (i[2].equals("SURVEY")) {
                assertThat(Integer.parseInt(i[6])).isBetween(0, 10);
            } else {
                assertThat(i[6]).isEqualTo("\\N");
            }
            if (i[2].equals("REFERRAL")) {
                assertThat(customers).containsKey(i[7]);
                assertThat(i[7]).isNotEqualTo(i[1]);
            } else {
                assertThat(i[7]).isEqualTo("\\N");
            }
            assertThat(time(i[4]).toLocalDate()).isBefore(TODAY);
        }
        assertThat(types).containsExactlyInAnyOrder("CONSULTATION", "COMPLAINT", "SERVICE_REQUEST", "SURVEY", "REFERRAL",
                "EVENT_ATTENDANCE");
    }

    @Test
    void theCatalogueCoversEveryLineWithLayersOnlyForLifeAndHealth() {
        assertThat(book.of(BookTable.PRODUCT).stream().map(p -> ProductLine.valueOf(p[4])).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(ProductLine.values());
        for (String[] p : book.of(BookTable.PRODUCT)) {
            assertThat(isNull(p[5])).isEqualTo(p[6].equals("PROPERTY"));
            assertThat(Integer.parseInt(p[7]) == 12).isEqualTo(p[6].equals("PROPERTY") || p[4].equals("MEDICAL") || p[4].equals("ACCIDENT"));
        }
        assertThat(book.of(BookTable.BRANCH).stream().map(b -> b[2])).contains("广东分公司", "深圳分公司", "北京分公司");
    }

    @Test
    void customersPerAgentAreAboutOneHundredAndFifty() {
        Map<String, String> agentBranch = book.of(BookTable.AGENT).stream().collect(Collectors.toMap(a -> a[0], a -> a[4]));
        for (String[] c : book.of(BookTable.CUSTOMER)) {
            assertThat(agentBranch.get(c[15])).isEqualTo(c[16]);
        }
        assertThat(book.of(BookTable.AGENT).stream().map(a -> a[3]).distinct()).containsExactlyInAnyOrder("AGENT", "ADVISOR");
    }

    static long fen(String amount) {
        return new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
    }
}
