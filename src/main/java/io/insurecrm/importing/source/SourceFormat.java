package io.insurecrm.importing.source;

/** The file formats the importer reads. */
public enum SourceFormat {
    CSV, XLSX
}
