/**
 * Bulk import from core systems: CSV (UTF-8 or GBK) and XLSX files mapped to fields by a named profile, checked
 * row by row in a dry run, then committed in chunks that are each applied whole or not at all, so an import
 * killed mid-way resumes without duplicates and the same file imported twice changes nothing.
 * The top package is the API: {@link io.insurecrm.importing.ImportManagement}, the job view and its events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Import and data governance",
        allowedDependencies = {"platform", "customer", "organisation", "policy", "claim", "interaction", "privacy"})
package io.insurecrm.importing;
