package io.insurecrm.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A customer of the insurer: an individual (identified by the resident ID number) or a corporate client
 * (identified by the unified social credit code). Serviced by one agent or advisor, and so by that agent's branch.
 */
@Table("customer")
public class Customer {

    @Id
    private Long id;
    private final CustomerKind kind;
    private String name;
    private Gender gender;
    private LocalDate birthDate;
    /**
     * The stored form: encrypted (see {@link IdNumberProtection}); clear only in rows from before encryption. The
     * number never changes, so these three columns are written on insert only: saving an edited customer cannot put
     * back a value the re-encryption batch has just moved to a new key.
     */
    @InsertOnlyProperty
    private String idNumber;
    @InsertOnlyProperty
    private String idNumberBidx;
    @InsertOnlyProperty
    private String idNumberMasked;
    private String occupation;
    private IncomeBand incomeBand;
    private MaritalStatus maritalStatus;
    private String creditCode;
    private String industry;
    private CompanySize companySize;
    private String phone;
    private String regionCode;
    private String city;
    private long agentId;
    private long branchId;
    private final Instant createdAt;
    private Instant updatedAt;
    @Version
    private Integer version;

    @PersistenceCreator
    Customer(Long id, CustomerKind kind, String name, Gender gender, LocalDate birthDate, String idNumber, String idNumberBidx,
             String idNumberMasked, String occupation, IncomeBand incomeBand, MaritalStatus maritalStatus, String creditCode, String industry, CompanySize companySize,
             String phone, String regionCode, String city, long agentId, long branchId, Instant createdAt, Instant updatedAt,
             Integer version) {
        this.id = id;
        this.kind = kind;
        this.name = name;
        this.gender = gender;
        this.birthDate = birthDate;
        this.idNumber = idNumber;
        this.idNumberBidx = idNumberBidx;
        this.idNumberMasked = idNumberMasked;
        this.occupation = occupation;
        this.incomeBand = incomeBand;
        this.maritalStatus = maritalStatus;
        this.creditCode = creditCode;
        this.industry = industry;
        this.companySize = companySize;
        this.phone = phone;
        this.regionCode = regionCode;
        this.city = city;
        this.agentId = agentId;
        this.branchId = branchId;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    /** An individual; gender and birth date come from the ID number, so they can never disagree with it. */
    public static Customer individual(String name, SealedIdNumber idNumber, PhoneNumber phone, String regionCode, String city,
                                      String occupation, IncomeBand incomeBand, MaritalStatus maritalStatus,
                                      long agentId, long branchId, Instant now) {
        Customer customer = new Customer(null, CustomerKind.INDIVIDUAL, requireText(name, "name"), idNumber.gender(),
                idNumber.birthDate(), idNumber.stored(), idNumber.blindIndex(), idNumber.masked(), occupation, incomeBand, maritalStatus, null, null, null,
                phone == null ? null : phone.value(), requireRegion(regionCode), requireText(city, "city"), agentId, branchId, now, now, null);
        return customer;
    }

    public static Customer corporate(String name, UnifiedSocialCreditCode creditCode, String industry, CompanySize size,
                                     PhoneNumber phone, String regionCode, String city, long agentId, long branchId, Instant now) {
        return new Customer(null, CustomerKind.CORPORATE, requireText(name, "name"), null, null, null, null, null, null, null, null,
                creditCode.value(), industry, size, phone == null ? null : phone.value(), requireRegion(regionCode),
                requireText(city, "city"), agentId, branchId, now, now, null);
    }

    /** Changes the contact and profile details an individual may change; the ID number is fixed. */
    public void updateIndividualProfile(String name, PhoneNumber phone, String regionCode, String city, String occupation,
                                        IncomeBand incomeBand, MaritalStatus maritalStatus, Instant now) {
        requireKind(CustomerKind.INDIVIDUAL);
        this.name = requireText(name, "name");
        this.phone = phone == null ? null : phone.value();
        this.regionCode = requireRegion(regionCode);
        this.city = requireText(city, "city");
        this.occupation = occupation;
        this.incomeBand = incomeBand;
        this.maritalStatus = maritalStatus;
        this.updatedAt = now;
    }

    public void updateCorporateProfile(String name, PhoneNumber phone, String regionCode, String city, String industry,
                                       CompanySize size, Instant now) {
        requireKind(CustomerKind.CORPORATE);
        this.name = requireText(name, "name");
        this.phone = phone == null ? null : phone.value();
        this.regionCode = requireRegion(regionCode);
        this.city = requireText(city, "city");
        this.industry = industry;
        this.companySize = size;
        this.updatedAt = now;
    }

    /** Hands the customer to another agent or advisor, and so to that agent's branch. */
    public void assignTo(long agentId, long branchId, Instant now) {
        this.agentId = agentId;
        this.branchId = branchId;
        this.updatedAt = now;
    }

    private void requireKind(CustomerKind expected) {
        if (kind != expected) {
            throw new IllegalStateException("Customer " + id + " is " + kind + ", not " + expected);
        }
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.strip();
    }

    private static String requireRegion(String regionCode) {
        if (regionCode == null || !regionCode.matches("\\d{2}")) {
            throw new IllegalArgumentException("region code is two digits");
        }
        return regionCode;
    }

    public Long getId() { return id; }
    public CustomerKind getKind() { return kind; }
    public String getName() { return name; }
    public Gender getGender() { return gender; }
    public LocalDate getBirthDate() { return birthDate; }
    /** The ID number as stored (encrypted): open it with {@link IdNumberProtection#open}. */
    public String getStoredIdNumber() { return idNumber; }
    public String getIdNumberBidx() { return idNumberBidx; }
    public String getOccupation() { return occupation; }
    public IncomeBand getIncomeBand() { return incomeBand; }
    public MaritalStatus getMaritalStatus() { return maritalStatus; }
    public String getCreditCode() { return creditCode; }
    public String getIndustry() { return industry; }
    public CompanySize getCompanySize() { return companySize; }
    public String getPhone() { return phone; }
    public String getRegionCode() { return regionCode; }
    public String getCity() { return city; }
    public long getAgentId() { return agentId; }
    public long getBranchId() { return branchId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Integer getVersion() { return version; }

    public boolean isIndividual() {
        return kind == CustomerKind.INDIVIDUAL;
    }

    public String maskedIdNumber() {
        return idNumberMasked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Customer that && id != null && Objects.equals(id, that.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
