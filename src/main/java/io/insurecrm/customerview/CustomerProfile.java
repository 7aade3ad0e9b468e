package io.insurecrm.customerview;

import io.insurecrm.customer.CompanySize;
import io.insurecrm.customer.CustomerKind;
import io.insurecrm.customer.Gender;
import io.insurecrm.customer.IncomeBand;
import io.insurecrm.customer.MaritalStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Who the customer is and who serves him. Individuals have the personal fields (the ID number only masked,
 * 110***********1234), corporate clients the company fields; the others are null.
 */
public record CustomerProfile(long id, CustomerKind kind, String name,
                              Gender gender, LocalDate birthDate, Integer age, String maskedIdNumber, String occupation,
                              IncomeBand incomeBand, MaritalStatus maritalStatus,
                              String creditCode, String industry, CompanySize companySize,
                              String phone, String regionCode, String regionNameZh, String regionNameEn, String climate,
                              String city, long agentId, String agentCode, String agentName, String agentKind,
                              String agentPhone, long branchId, String branchName, Instant createdAt,
                              String bankName, String maskedBankAccount) {

    public boolean individual() {
        return kind == CustomerKind.INDIVIDUAL;
    }

    public String regionName(Locale locale) {
        return "en".equals(locale.getLanguage()) ? regionNameEn : regionNameZh;
    }
}
