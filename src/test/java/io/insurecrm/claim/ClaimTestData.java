package io.insurecrm.claim;

/** Claims as the repository would hand them back, for tests outside the package. */
public final class ClaimTestData {

    private ClaimTestData() {
    }

    public static Claim withId(Claim c, long id) {
        return new Claim(id, c.getClaimNumber().value(), c.getPolicyId(), c.getCustomerId(), c.getIncidentDate(),
                c.getReportedOn(), c.getSettledOn(), c.getAmountClaimed().amount(),
                c.getAmountPaid().map(io.insurecrm.policy.Money::amount).orElse(null), c.getStatus(), io.insurecrm.platform.crypto.SealedText.of(c.getDescription()),
                0, c.getHistory());
    }
}
