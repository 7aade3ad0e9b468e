package io.insurecrm.customerview;

import io.insurecrm.customer.CustomerNotFound;
import io.insurecrm.interaction.InteractionEntry;
import io.insurecrm.interaction.InteractionLog;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.Paged;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Customer 360 facade: the whole read model of one customer within the caller's data scope. A customer outside
 * the scope is not found (404), exactly like a missing one; household members outside it are shown without data.
 */
@Service
public class CustomerView {

    private final Customer360Queries queries;
    private final InteractionLog interactions;
    private final Clock clock;

    CustomerView(Customer360Queries queries, InteractionLog interactions, Clock clock) {
        this.queries = queries;
        this.interactions = interactions;
        this.clock = clock;
    }

    /**
     * Whose 360 this customer id opens, when the customer exists within the scope: his own id, or the survivor's when
     * he was merged into another (deduplication: the 360 page shows the survivor instead); empty when he is missing or
     * outside the scope.
     */
    @Transactional(readOnly = true)
    public Optional<Long> shownAs(long customerId, DataScope scope) {
        return queries.shownAs(customerId, scope);
    }

    /** @throws CustomerNotFound when the customer is missing or outside the scope */
    @Transactional(readOnly = true)
    public Customer360 of(long customerId, DataScope scope) {
        LocalDate today = LocalDate.now(clock);
        Customer360Queries.ProfileRow profile = queries.profile(customerId, scope, today)
                .orElseThrow(() -> CustomerNotFound.withId(customerId));

        List<PolicyLine> own = queries.policiesOf(customerId, scope);
        HouseholdPanel household = null;
        List<PolicyLine> householdPolicies = List.of();
        if (profile.householdId() != null) {
            List<Customer360Queries.MemberRow> members = queries.householdMembers(profile.householdId(), scope, today);
            List<Long> visibleOthers = members.stream()
                    .filter(m -> m.visible() && m.customerId() != customerId)
                    .map(Customer360Queries.MemberRow::customerId)
                    .toList();
            Map<Long, List<PolicyLine>> held = queries.policiesHeldBy(visibleOthers, scope);
            householdPolicies = held.values().stream().flatMap(List::stream).toList();
            household = new HouseholdPanel(profile.householdId(), profile.householdName(), members.stream()
                    .map(m -> m.visible()
                            ? new HouseholdPanel.Member(m.customerId(), m.name(), m.relationship(), m.age(), true,
                                    m.customerId() == customerId, held.getOrDefault(m.customerId(), List.of()))
                            : new HouseholdPanel.Member(null, null, m.relationship(), null, false, false, List.of()))
                    .toList());
        }

        Map<PolicyState, List<PolicyLine>> byStatus = own.stream().collect(Collectors.groupingBy(PolicyLine::status));
        List<PolicyGroup> groups = Arrays.stream(PolicyState.values())
                .filter(byStatus::containsKey)
                .map(status -> new PolicyGroup(status, byStatus.get(status)))
                .toList();

        Paged<InteractionEntry> timeline = interactions.list(customerId, scope, 0, InteractionLog.TIMELINE_PAGE_SIZE);
        return new Customer360(today, profile.profile(), household, groups,
                ContractFigures.of(own, householdPolicies, today), queries.claimsOf(customerId), timeline,
                queries.segmentsOf(customerId), queries.tagsOf(customerId));
    }
}
