package io.insurecrm.claim;

import io.insurecrm.platform.web.NotFoundException;

/** No such claim, or one on a policy whose holder is outside the staff member's data scope. */
public class ClaimNotFound extends NotFoundException {

    private ClaimNotFound(long id) {
        super("claim.notFound", id);
    }

    public static ClaimNotFound withId(long id) {
        return new ClaimNotFound(id);
    }
}
