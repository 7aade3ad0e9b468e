package io.insurecrm.coil;

/** A CoIL 2000 file is missing or cannot be read; the message names the file and line. */
public class CoilFileRefused extends RuntimeException {

    public CoilFileRefused(String message) {
        super(message);
    }
}
