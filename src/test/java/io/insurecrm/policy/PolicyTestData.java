package io.insurecrm.policy;

/** Policies as the repository would hand them back, for tests outside the package. */
public final class PolicyTestData {

    private PolicyTestData() {
    }

    public static Policy withId(Policy policy, long id) {
        return PolicyTests.withId(policy, id);
    }
}
