package io.insurecrm.customer;

import java.time.LocalDate;

/** A customer as other modules and lists see him: no full ID number, only the masked one. */
public record CustomerSummary(long id, CustomerKind kind, String name, Gender gender, LocalDate birthDate,
                              String maskedIdNumber, String phone, String regionCode, String city,
                              long agentId, long branchId) {

    static CustomerSummary of(Customer customer) {
        return new CustomerSummary(customer.getId(), customer.getKind(), customer.getName(), customer.getGender(),
                customer.getBirthDate(), customer.maskedIdNumber(), customer.getPhone(), customer.getRegionCode(),
                customer.getCity(), customer.getAgentId(), customer.getBranchId());
    }
}
