package io.insurecrm.importing.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.multipart.MultipartFile;

/** The upload form: the file, the import profile and the file's encoding (AUTO detects UTF-8 or GBK). */
record UploadForm(@NotBlank String profile,
                  @NotBlank @Pattern(regexp = "AUTO|UTF-8|GBK", message = "{import.encoding.invalid}") String encoding,
                  MultipartFile file) {
}
