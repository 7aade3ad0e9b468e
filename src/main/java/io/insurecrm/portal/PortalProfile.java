package io.insurecrm.portal;

import io.insurecrm.customer.Customer;
import io.insurecrm.customer.CustomerForm;
import io.insurecrm.customer.CustomerKind;
import io.insurecrm.customer.CustomerManagement;
import io.insurecrm.customer.HouseholdView;
import io.insurecrm.customer.Relationship;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer's own contact details and family, changed through the customer module's facade with the same rules
 * as staff use; a new family member is registered and added to the customer's household (founded on the way when
 * he has none), which publishes HouseholdMemberAdded. Each change is one transaction.
 */
@Service
public class PortalProfile {

    private final CustomerManagement customers;
    private final Validator validator;

    PortalProfile(CustomerManagement customers, Validator validator) {
        this.customers = customers;
        this.validator = validator;
    }

    public Customer customer(long customerId) {
        return customers.find(customerId, DataScope.all());
    }

    public Optional<HouseholdView> household(long customerId) {
        return customers.householdOf(customerId, DataScope.all());
    }

    @Transactional
    public void updateContact(long customerId, String phone, String city) {
        // the form with the ID number decrypted: the update re-checks it against the stored number
        CustomerForm form = customers.editForm(customerId, DataScope.all());
        form.setPhone(phone == null ? null : phone.strip());
        form.setCity(city == null ? null : city.strip());
        validate(form);
        customers.update(customerId, form, DataScope.all());
    }

    /** Registers a family member (name and resident ID number) and adds him to the customer's household. */
    @Transactional
    public long addFamilyMember(long customerId, String name, String idNumber, Relationship relationship) {
        if (relationship == null || relationship == Relationship.SELF) {
            throw new FieldRuleViolation("relationship", "portal.family.relationship");
        }
        Customer me = customer(customerId);
        CustomerForm form = new CustomerForm();
        form.setKind(CustomerKind.INDIVIDUAL);
        form.setName(name == null ? null : name.strip());
        form.setIdNumber(idNumber == null ? null : idNumber.strip().toUpperCase(java.util.Locale.ROOT));
        form.setRegionCode(me.getRegionCode());
        form.setCity(me.getCity());
        form.setAgentId(me.getAgentId());
        validate(form);
        long member = customers.register(form, DataScope.all());
        if (customers.householdOf(customerId, DataScope.all()).isEmpty()) {
            customers.foundHousehold(customerId, me.getName(), DataScope.all());
        }
        customers.addToHousehold(customerId, member, relationship, DataScope.all());
        return member;
    }

    private void validate(CustomerForm form) {
        Set<ConstraintViolation<CustomerForm>> violations = validator.validate(form);
        if (!violations.isEmpty()) {
            ConstraintViolation<CustomerForm> first = violations.iterator().next();
            throw new FieldRuleViolation(first.getPropertyPath().toString(), "portal.profile.invalid", first.getMessage());
        }
    }
}
