package io.insurecrm.customer;

import io.insurecrm.platform.personaldata.InvalidFields;
import io.insurecrm.platform.personaldata.PersonalDataCorrection;
import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.FieldRuleViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DataBinder;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Corrections of a customer's personal data asked for by the customer (a data-subject request, applied by the privacy
 * module): the edit form's personal fields, bound onto the customer's {@link CustomerForm} and validated by the same
 * bean validation and {@link CustomerManagement#update} rules as the edit form, in the caller's transaction.
 */
@Service
class CustomerCorrection implements PersonalDataCorrection {

    static final List<String> INDIVIDUAL_FIELDS = List.of("name", "phone", "regionCode", "city", "occupation", "incomeBand",
            "maritalStatus");
    static final List<String> CORPORATE_FIELDS = List.of("name", "phone", "regionCode", "city", "industry", "companySize");

    private final CustomerManagement management;
    private final SpringValidatorAdapter validator;
    private final MessageSource messages;

    CustomerCorrection(CustomerManagement management, jakarta.validation.Validator validator, MessageSource messages) {
        this.management = management;
        this.validator = new SpringValidatorAdapter(validator);
        this.messages = messages;
    }

    private static List<String> fieldsOf(Customer customer) {
        return customer.isIndividual() ? INDIVIDUAL_FIELDS : CORPORATE_FIELDS;
    }

    @Override
    @Transactional(readOnly = true)
    public Correctable correctable(long customerId, Locale locale) {
        Customer customer = management.find(customerId, CurrentStaff.scope());
        List<String> fields = fieldsOf(customer);
        Map<String, List<Option>> options = new LinkedHashMap<>();
        options.put("regionCode", management.regions().stream().map(r -> new Option(r.code(), r.name(locale))).toList());
        if (customer.isIndividual()) {
            options.put("incomeBand", enumOptions("customer.incomeBand.", IncomeBand.values(), locale));
            options.put("maritalStatus", enumOptions("customer.maritalStatus.", MaritalStatus.values(), locale));
        } else {
            options.put("companySize", enumOptions("customer.companySize.", CompanySize.values(), locale));
        }
        return new Correctable(customerId, customer.getKind().name(), valuesOf(CustomerForm.of(customer, null), fields), options);
    }

    private List<Option> enumOptions(String prefix, Enum<?>[] values, Locale locale) {
        return Arrays.stream(values).map(v -> new Option(v.name(), messages.getMessage(prefix + v.name(), null, v.name(), locale)))
                .toList();
    }

    @Override
    @Transactional
    public List<FieldChange> correct(long customerId, Map<String, String> values) {
        DataScope scope = CurrentStaff.scope();
        Customer customer = management.find(customerId, scope);
        List<String> fields = fieldsOf(customer);
        CustomerForm form = CustomerForm.of(customer, null);
        Map<String, String> before = valuesOf(form, fields);
        DataBinder binder = new DataBinder(form, "correction");
        BindingResult result = binder.getBindingResult();
        MutablePropertyValues given = new MutablePropertyValues();
        List<String> unknown = new ArrayList<>();
        (values == null ? Map.<String, String>of() : values).forEach((field, value) -> {
            if (fields.contains(field)) {
                given.add(field, value == null ? "" : value);
            } else {
                unknown.add(field);
            }
        });
        if (!unknown.isEmpty()) {
            throw new FieldRuleViolation(unknown.get(0), "customer.correction.notCorrectable", unknown.get(0));
        }
        binder.setAllowedFields(fields.toArray(String[]::new));
        binder.bind(given);
        validator.validate(form, result);
        if (result.hasErrors()) {
            throw new InvalidFields(result);
        }
        // the edit form's rules against the database (an unknown region); the ID number stays (null: not checked)
        management.update(customerId, form, scope);
        Map<String, String> after = valuesOf(CustomerForm.of(management.find(customerId, scope), null), fields);
        List<FieldChange> changes = new ArrayList<>();
        for (String field : fields) {
            if (!Objects.equals(before.get(field), after.get(field))) {
                changes.add(new FieldChange(field, before.get(field), after.get(field)));
            }
        }
        return changes;
    }

    private static Map<String, String> valuesOf(CustomerForm form, List<String> fields) {
        BeanWrapperImpl bean = new BeanWrapperImpl(form);
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : fields) {
            Object value = bean.getPropertyValue(field);
            String text = value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
            values.put(field, text == null || text.isBlank() ? null : text);
        }
        return values;
    }
}
