package io.insurecrm.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What staff enter to register or edit a customer, on the page and through the API. Field rules are here;
 * rules across fields and against the database (ID number required for individuals, unknown region or agent,
 * duplicates) are checked by {@link CustomerManagement} and reported on the field they concern.
 */
public class CustomerForm {

    @NotNull
    private CustomerKind kind = CustomerKind.INDIVIDUAL;
    @NotBlank
    @Size(max = 100)
    private String name;
    @ValidIdNumber
    private String idNumber;
    @Size(max = 18)
    private String creditCode;
    @ValidPhone
    private String phone;
    @NotBlank
    @Pattern(regexp = "\\d{2}", message = "{customer.regionCode.invalid}")
    private String regionCode;
    @NotBlank
    @Size(max = 50)
    private String city;
    @Size(max = 50)
    private String occupation;
    private IncomeBand incomeBand;
    private MaritalStatus maritalStatus;
    @Size(max = 50)
    private String industry;
    private CompanySize companySize;
    /** The bank of the premium payment account (not sensitive, stored in the clear). */
    @Size(max = 60)
    private String bankName;
    /**
     * A new premium payment account number (12–19 digits; blanks and hyphens allowed between groups). Blank keeps the
     * stored number: the form never shows it in full (only the audited reveal does), see {@link #getBankAccountMasked()}.
     */
    @Size(max = 40)
    private String bankAccount;
    /** Remove the stored account number (and bank name). */
    private boolean clearBankAccount;
    /** The stored number's mask, shown beside the field; never bound from a request. */
    private String bankAccountMasked;
    /** The servicing agent or advisor; an agent registering a customer may leave it empty for himself. */
    private Long agentId;

    /** The form of a customer, with the ID number in the clear (decrypted by the caller). */
    static CustomerForm of(Customer customer, String clearIdNumber) {
        CustomerForm form = new CustomerForm();
        form.kind = customer.getKind();
        form.name = customer.getName();
        form.idNumber = clearIdNumber;
        form.creditCode = customer.getCreditCode();
        form.phone = customer.getPhone();
        form.regionCode = customer.getRegionCode();
        form.city = customer.getCity();
        form.occupation = customer.getOccupation();
        form.incomeBand = customer.getIncomeBand();
        form.maritalStatus = customer.getMaritalStatus();
        form.industry = customer.getIndustry();
        form.companySize = customer.getCompanySize();
        form.agentId = customer.getAgentId();
        return form;
    }

    /** The form with the stored bank name and the stored account number's mask (the number itself stays sealed). */
    public CustomerForm withBank(String bankName, String bankAccountMasked) {
        this.bankName = bankName;
        this.bankAccountMasked = bankAccountMasked;
        return this;
    }

    static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public CustomerKind getKind() { return kind; }
    public void setKind(CustomerKind kind) { this.kind = kind; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getIdNumber() { return idNumber; }
    public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
    public String getCreditCode() { return creditCode; }
    public void setCreditCode(String creditCode) { this.creditCode = creditCode; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getRegionCode() { return regionCode; }
    public void setRegionCode(String regionCode) { this.regionCode = regionCode; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public String getOccupation() { return occupation; }
    public void setOccupation(String occupation) { this.occupation = occupation; }
    public IncomeBand getIncomeBand() { return incomeBand; }
    public void setIncomeBand(IncomeBand incomeBand) { this.incomeBand = incomeBand; }
    public MaritalStatus getMaritalStatus() { return maritalStatus; }
    public void setMaritalStatus(MaritalStatus maritalStatus) { this.maritalStatus = maritalStatus; }
    public String getIndustry() { return industry; }
    public void setIndustry(String industry) { this.industry = industry; }
    public CompanySize getCompanySize() { return companySize; }
    public void setCompanySize(CompanySize companySize) { this.companySize = companySize; }
    public String getBankName() { return bankName; }
    public void setBankName(String bankName) { this.bankName = bankName; }
    public String getBankAccount() { return bankAccount; }
    public void setBankAccount(String bankAccount) { this.bankAccount = bankAccount; }
    public boolean isClearBankAccount() { return clearBankAccount; }
    public void setClearBankAccount(boolean clearBankAccount) { this.clearBankAccount = clearBankAccount; }
    public String getBankAccountMasked() { return bankAccountMasked; }
    public Long getAgentId() { return agentId; }
    public void setAgentId(Long agentId) { this.agentId = agentId; }
}
