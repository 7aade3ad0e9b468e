package io.insurecrm.platform.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaffPrincipalScopeTests {

    @Test
    void anIntegrationBoundToABranchHasThatBranchsScopeAndAnUnboundOneTheWholeBook() {
        assertThat(new StaffPrincipal(-5L, "token:5:x", "", "x", Role.ADMIN, null, 12L, true).scope())
                .isEqualTo(DataScope.branch(12L));
        assertThat(new StaffPrincipal(-6L, "token:6:x", "", "x", Role.ADMIN, null, null, true).scope()).isEqualTo(DataScope.all());
    }

    @Test
    void staffScopesAreUnchangedByABranchOnAnAdminOrCompliance() {
        assertThat(new StaffPrincipal(3L, "admin", "", "a", Role.ADMIN, null, 12L, true).scope()).isEqualTo(DataScope.all());
        assertThat(new StaffPrincipal(4L, "c", "", "c", Role.COMPLIANCE, null, 12L, true).scope()).isEqualTo(DataScope.all());
        assertThat(new StaffPrincipal(7L, "m", "", "m", Role.BRANCH_MANAGER, null, 12L, true).scope()).isEqualTo(DataScope.branch(12L));
    }
}
