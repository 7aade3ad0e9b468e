package io.insurecrm.privacy;

/** What a data subject asks for (PIPL art. 45 access and copy, art. 46 correction, art. 47 erasure). */
public enum DsrType {
    ACCESS, EXPORT, CORRECTION, ERASURE
}
