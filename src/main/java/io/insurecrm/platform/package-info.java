/**
 * Infrastructure every capability uses: the database (embedded PostgreSQL by default), sign-in and data scopes,
 * the web layout, locale switching, error pages and problems, the clock and CSV export.
 * An open module: its types are meant to be used by every other module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.insurecrm.platform;
