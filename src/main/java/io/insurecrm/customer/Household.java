package io.insurecrm.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A family planned as one: a head (SELF) and members related to the head. A customer belongs to at most one
 * household (the database holds that across households; this aggregate within itself).
 */
@Table("household")
public class Household {

    @Id
    private Long id;
    private String name;
    private final Instant createdAt;
    @MappedCollection(idColumn = "household_id")
    private final Set<HouseholdMember> members;
    @Version
    private Integer version;

    @PersistenceCreator
    Household(Long id, String name, Instant createdAt, Set<HouseholdMember> members, Integer version) {
        this.id = id;
        this.name = name;
        this.createdAt = createdAt;
        this.members = new LinkedHashSet<>(members);
        this.version = version;
    }

    public static Household foundedBy(long headCustomerId, String name, LocalDate today, Instant now) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A household needs a name");
        }
        Household household = new Household(null, name.strip(), now, Set.of(), null);
        household.members.add(new HouseholdMember(headCustomerId, Relationship.SELF, today));
        return household;
    }

    public void add(long customerId, Relationship relationship, LocalDate today) {
        Objects.requireNonNull(relationship, "relationship");
        if (relationship == Relationship.SELF) {
            throw new IllegalArgumentException("A household has exactly one head");
        }
        if (contains(customerId)) {
            throw new IllegalArgumentException("Customer " + customerId + " is already in this household");
        }
        members.add(new HouseholdMember(customerId, relationship, today));
    }

    public void remove(long customerId) {
        HouseholdMember member = members.stream().filter(m -> m.customerId() == customerId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Customer " + customerId + " is not in this household"));
        if (member.relationship() == Relationship.SELF) {
            throw new IllegalArgumentException("The head of the household cannot be removed");
        }
        members.remove(member);
    }

    public boolean contains(long customerId) {
        return members.stream().anyMatch(m -> m.customerId() == customerId);
    }

    public long headCustomerId() {
        return members.stream().filter(m -> m.relationship() == Relationship.SELF).findFirst()
                .orElseThrow(() -> new IllegalStateException("Household " + id + " has no head")).customerId();
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public Instant getCreatedAt() { return createdAt; }
    public Set<HouseholdMember> getMembers() { return Collections.unmodifiableSet(members); }
}
