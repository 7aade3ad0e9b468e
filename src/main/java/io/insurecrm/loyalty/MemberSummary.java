package io.insurecrm.loyalty;

/** What a customer's home screen shows of his membership: his tier in force (NONE when not a member) and points balance. */
public record MemberSummary(long customerId, Tier tier, int pointsBalance) {

    public boolean member() {
        return tier != Tier.NONE;
    }
}
