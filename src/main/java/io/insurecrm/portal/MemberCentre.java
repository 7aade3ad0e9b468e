package io.insurecrm.portal;

import io.insurecrm.engagement.EngagementTasks;
import io.insurecrm.engagement.TaskKind;
import io.insurecrm.loyalty.Benefit;
import io.insurecrm.loyalty.BenefitCategory;
import io.insurecrm.loyalty.Benefits;
import io.insurecrm.loyalty.Entitlement;
import io.insurecrm.loyalty.LoyaltyProgramme;
import io.insurecrm.loyalty.LoyaltyRules;
import io.insurecrm.loyalty.Member;
import io.insurecrm.loyalty.MemberSummary;
import io.insurecrm.loyalty.Members;
import io.insurecrm.loyalty.PointsLedger;
import io.insurecrm.loyalty.RedemptionRefused;
import io.insurecrm.loyalty.Redemptions;
import io.insurecrm.loyalty.Redemptions.Redemption;
import io.insurecrm.loyalty.Tier;
import io.insurecrm.loyalty.TierCondition;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import io.insurecrm.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The member centre: the signed-in customer's tier, what the next tier needs (any one condition is enough), his
 * benefits with what is left of this period's quota, his points and their ledger, and booking a benefit service.
 * Everything is read and redeemed through the loyalty module's facade, never its tables; every call takes the
 * customer id from the principal. A booking is a redemption (tier, validity and quota checked by loyalty, one
 * redemption per request id) plus a task for the customer's agent to arrange it, in one transaction.
 */
@Service
public class MemberCentre {

    /** A booking form's request token: the client makes one per form; the same token twice books once. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-]{8,80}");
    public static final int NOTE_MAX_CHARS = 200;

    private final LoyaltyProgramme programme;
    private final Members members;
    private final Benefits benefits;
    private final LoyaltyRules rules;
    private final PointsLedger points;
    private final Redemptions redemptions;
    private final EngagementTasks tasks;
    private final TransactionTemplate transaction;
    private final Clock clock;

    MemberCentre(LoyaltyProgramme programme, Members members, Benefits benefits, LoyaltyRules rules, PointsLedger points,
                 Redemptions redemptions, EngagementTasks tasks, PlatformTransactionManager transactions, Clock clock) {
        this.programme = programme;
        this.members = members;
        this.benefits = benefits;
        this.rules = rules;
        this.points = points;
        this.redemptions = redemptions;
        this.tasks = tasks;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The member centre of one customer. {@code member} is null when he is not (or no longer) a member. */
    public record View(MemberSummary summary, Member member, NextTier next, List<BenefitLine> benefits,
                       List<LedgerLine> ledger, List<Booking> bookings) {
    }

    /** A row of the points ledger: points (+ earned, - spent or expired), kind, activity, when, until when a lot is valid. */
    public record LedgerLine(int points, String kind, String activity, LocalDate on, LocalDate expiresOn) {
    }

    /**
     * What the tier above needs, any one condition being enough: insured years, annual home premium strictly above
     * an amount, or points earned in the last twelve months (null = not a condition of that tier); {@code *ToGo} is
     * what is missing today. For a non-member the next tier is BASIC, reached with a home property policy.
     */
    public record NextTier(Tier tier, Integer minYears, Integer yearsToGo, BigDecimal premiumAbove, BigDecimal premiumToGo,
                           Integer minPoints, Integer pointsToGo, List<Benefit> unlocks) {
    }

    /**
     * A benefit of the customer's tier this period: quota (null = unlimited), used, what is left, until when it is
     * valid (null = not activated yet: the whole quota is left), whether it can be booked here (a practical-living
     * service with quota left).
     */
    public record BenefitLine(Benefit benefit, Integer quota, int used, Integer remaining, LocalDate validUntil,
                              boolean expired, boolean bookable) {
    }

    /** A booked benefit service; {@code repeated} = this request had already booked it, nothing was booked again. */
    public record Booking(long id, String benefitCode, String nameZh, String nameEn, LocalDateTime bookedAt,
                          Integer remaining, boolean repeated) {

        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
        }
    }

    public MemberSummary summary(long customerId) {
        return programme.summaryOf(customerId);
    }

    /**
     * The Gold fast-track (photo settlement without an on-site survey, decided by loyalty) of the open claims among
     * {@code claims}: null when the member is below Gold — he does not see the line at all; otherwise the ids of
     * those it applies to (an open claim not in the set: it does not apply).
     */
    public java.util.Set<Long> photoFastTrack(MemberSummary member, List<PortalClaim> claims) {
        if (!member.tier().atLeast(Tier.GOLD)) {
            return null;
        }
        return programme.photoSettlement(claims.stream().filter(MemberCentre::open).map(PortalClaim::id).toList());
    }

    /** Whether a claim is still open (reported or being assessed): the fast-track is shown only for those. */
    public static boolean open(PortalClaim claim) {
        return claim.status().equals("REPORTED") || claim.status().equals("ASSESSING");
    }

    public View view(long customerId) {
        MemberSummary summary = programme.summaryOf(customerId);
        Optional<Member> member = members.find(customerId, DataScope.all()).filter(m -> m.tier() != Tier.NONE);
        List<Benefit> catalogue = benefits.catalogue();
        Tier tier = summary.tier();
        Map<String, Entitlement> held = members.entitlements(customerId).stream()
                .collect(Collectors.toMap(e -> e.benefit().code(), Function.identity(), (a, b) -> a));
        LocalDate today = LocalDate.now(clock);
        List<BenefitLine> lines = catalogue.stream().filter(b -> b.entitles(tier)).map(b -> {
            Entitlement e = held.get(b.code());
            boolean expired = e != null && e.validUntil().isBefore(today);
            Integer remaining = e == null ? b.quota() : expired ? Integer.valueOf(0) : e.remaining();
            boolean bookable = bookable(b) && !expired && (remaining == null || remaining > 0);
            return new BenefitLine(b, e == null ? b.quota() : e.quota(), e == null ? 0 : e.used(), remaining,
                    e == null ? null : e.validUntil(), expired, bookable);
        }).toList();
        return new View(summary, member.orElse(null), next(tier, member.orElse(null), catalogue), lines,
                points.entries(customerId, 20).stream().map(e -> new LedgerLine(e.points(), e.kind(),
                        e.activity() == null ? null : e.activity().name(), LocalDate.ofInstant(e.occurredAt(), clock.getZone()),
                        e.expiresOn())).toList(),
                bookings(customerId, catalogue));
    }

    private NextTier next(Tier tier, Member member, List<Benefit> catalogue) {
        if (tier == Tier.DIAMOND) {
            return null;
        }
        Tier next = Tier.values()[tier.ordinal() + 1];
        List<Benefit> unlocks = catalogue.stream().filter(b -> b.entitles(next) && !b.entitles(tier)).toList();
        TierCondition condition = rules.active().rules().condition(next);
        if (condition == null || member == null) {
            return new NextTier(next, null, null, null, null, null, null, unlocks);
        }
        Integer yearsToGo = condition.minYears() == null ? null : Math.max(condition.minYears() - member.insuredYears(), 0);
        BigDecimal premiumToGo = condition.premiumAbove() == null ? null
                : condition.premiumAbove().subtract(member.annualPremium()).max(BigDecimal.ZERO);
        Integer pointsToGo = condition.minPoints() == null ? null : Math.max(condition.minPoints() - member.pointsLastYear(), 0);
        return new NextTier(next, condition.minYears(), yearsToGo, condition.premiumAbove(), premiumToGo,
                condition.minPoints(), pointsToGo, unlocks);
    }

    private static boolean bookable(Benefit benefit) {
        return benefit.category() == BenefitCategory.LIVING && benefit.quota() != null;
    }

    private List<Booking> bookings(long customerId, List<Benefit> catalogue) {
        Map<String, Benefit> byCode = catalogue.stream().collect(Collectors.toMap(Benefit::code, Function.identity()));
        return redemptions.of(customerId, 20).stream().map(r -> booking(r, byCode.get(r.benefitCode()), false)).toList();
    }

    private Booking booking(Redemption r, Benefit benefit, boolean repeated) {
        return new Booking(r.id(), r.benefitCode(), benefit == null ? r.benefitCode() : benefit.nameZh(),
                benefit == null ? r.benefitCode() : benefit.nameEn(),
                LocalDateTime.ofInstant(r.redeemedAt(), clock.getZone()), r.remaining(), repeated);
    }

    /** One of the customer's bookings; someone else's is not found, exactly like one that does not exist. */
    public Booking booking(long customerId, long bookingId) {
        Redemption r = redemptions.find(customerId, bookingId)
                .orElseThrow(() -> NotFoundException.of("portal.member.booking.notFound", bookingId));
        return booking(r, benefits.find(r.benefitCode()).orElse(null), false);
    }

    /**
     * Books a benefit service: redeems it through loyalty (tier, validity, quota) and opens a task for the customer's
     * agent to arrange it, due the next day — both or neither. The same token again answers the first booking.
     *
     * @throws FieldRuleViolation when the token or the note is invalid
     * @throws PortalRefused with the reason in the customer's words (not bookable, not entitled, quota used up …)
     */
    public Booking book(long customerId, String benefitCode, String token, String note, Locale locale) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new FieldRuleViolation("requestId", "portal.member.invalidRequest");
        }
        String trimmed = note == null || note.isBlank() ? null : note.strip();
        if (trimmed != null && trimmed.length() > NOTE_MAX_CHARS) {
            throw new FieldRuleViolation("note", "portal.member.noteTooLong", NOTE_MAX_CHARS, trimmed.length());
        }
        // the customer id is part of the request id: one customer's token can never touch another's booking
        String requestId = "portal-" + customerId + "-" + token;
        Optional<Redemption> done = redemptions.findByRequest(requestId);
        if (done.isPresent()) {
            return booking(done.get(), benefits.find(done.get().benefitCode()).orElse(null), true);
        }
        Benefit benefit = benefitCode == null ? null : benefits.find(benefitCode).orElse(null);
        if (benefit == null || !bookable(benefit)) {
            throw new PortalRefused("portal.member.refused.NOT_BOOKABLE", benefit == null ? String.valueOf(benefitCode)
                    : benefit.name(locale));
        }
        try {
            return transaction.execute(status -> {
                Redemption r = redemptions.redeem(customerId, benefit.code(), requestId, Redemptions.Channel.API,
                        "customer:" + customerId, "portal" + (trimmed == null ? "" : ": " + trimmed));
                String reason = "客户门户：预约权益服务 — " + benefit.nameZh() + (trimmed == null ? "" : "（" + trimmed + "）");
                tasks.open(customerId, TaskKind.PORTAL_REQUEST, reason.length() > 500 ? reason.substring(0, 500) : reason,
                        LocalDate.now(clock).plusDays(1));
                return booking(r, benefit, false);
            });
        } catch (RedemptionRefused e) {
            if (e.reason() == RedemptionRefused.Reason.DUPLICATE_REQUEST) {
                // a second tap at the same moment: the first one booked it
                Optional<Redemption> first = redemptions.findByRequest(requestId);
                if (first.isPresent()) {
                    return booking(first.get(), benefit, true);
                }
            }
            throw new PortalRefused("portal.member.refused." + e.reason(), benefit.name(locale),
                    new DefaultMessageSourceResolvable("portal.member.tier." + programme.tierOf(customerId)),
                    benefit.quota() == null ? "" : benefit.quota());
        }
    }
}
