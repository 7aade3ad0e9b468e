package io.insurecrm.loyalty;

import io.insurecrm.claim.ClaimExtension;
import io.insurecrm.claim.ClaimFlag;
import java.util.List;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * The programme's flag on the staff claim page and API: PHOTO_SETTLEMENT when a Gold or Diamond member's open home
 * claim is under the threshold (settled from photos, no on-site survey), with the tier and threshold in its text.
 */
@Component
class LoyaltyClaimFlags implements ClaimExtension {

    static final String PHOTO_SETTLEMENT = "PHOTO_SETTLEMENT";

    private final LoyaltyProgramme programme;

    LoyaltyClaimFlags(LoyaltyProgramme programme) {
        this.programme = programme;
    }

    @Override
    public String source() {
        return "loyalty";
    }

    @Override
    public List<ClaimFlag> flags(long claimId) {
        return programme.claim(claimId).filter(ClaimLine::photoSettlement)
                .map(line -> List.of(new ClaimFlag(PHOTO_SETTLEMENT, "loyalty.claim.photoFlag", List.of(
                        new DefaultMessageSourceResolvable("loyalty.tier." + line.tier().name()),
                        programme.photoSettlementBelow().stripTrailingZeros().toPlainString()))))
                .orElse(List.of());
    }
}
