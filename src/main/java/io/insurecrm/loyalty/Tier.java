package io.insurecrm.loyalty;

/** A member's tier, lowest first; NONE = no active home property policy (a former member). */
public enum Tier {
    NONE, BASIC, SILVER, GOLD, DIAMOND;

    public boolean above(Tier other) {
        return compareTo(other) > 0;
    }

    public boolean atLeast(Tier other) {
        return compareTo(other) >= 0;
    }
}
