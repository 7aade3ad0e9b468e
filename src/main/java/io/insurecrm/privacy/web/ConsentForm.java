package io.insurecrm.privacy.web;

import io.insurecrm.privacy.ConsentPurpose;
import io.insurecrm.privacy.ConsentSource;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A grant or withdrawal to record: the purpose, granted or not, where it was given and the notice version shown. */
public record ConsentForm(@NotNull ConsentPurpose purpose, @NotNull Boolean granted, @NotNull ConsentSource source,
                          @NotBlank @Size(max = 40) String noticeVersion) {
}
