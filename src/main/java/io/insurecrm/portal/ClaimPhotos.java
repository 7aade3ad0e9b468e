package io.insurecrm.portal;

import java.util.Arrays;
import java.util.Optional;

/** Recognises the image types a claim photo may have by their first bytes, whatever the file name or header says. */
public final class ClaimPhotos {

    private ClaimPhotos() {
    }

    /** image/jpeg, image/png or image/webp by magic bytes; empty for anything else. */
    public static Optional<String> imageType(byte[] bytes) {
        if (bytes == null || bytes.length < 12) {
            return Optional.empty();
        }
        if ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (Arrays.equals(Arrays.copyOf(bytes, 8), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return Optional.of("image/png");
        }
        if (bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F'
                && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }
}
