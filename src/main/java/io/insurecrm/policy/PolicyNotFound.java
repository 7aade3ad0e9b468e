package io.insurecrm.policy;

import io.insurecrm.platform.web.NotFoundException;

/** No such policy, or one whose holder is outside the staff member's data scope. */
public class PolicyNotFound extends NotFoundException {

    private PolicyNotFound(long id) {
        super("policy.notFound", id);
    }

    public static PolicyNotFound withId(long id) {
        return new PolicyNotFound(id);
    }
}
