package io.insurecrm.customer;

import java.time.LocalDate;

/** A customer in a search result. */
public record CustomerRow(long id, CustomerKind kind, String name, Gender gender, LocalDate birthDate, String maskedIdNumber,
                          String phone, String regionCode, String regionName, String city, String agentName) {
}
