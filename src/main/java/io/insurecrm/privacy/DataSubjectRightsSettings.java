package io.insurecrm.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Data-subject rights: the deadline to answer a request, in working days (by {@link WorkingCalendar}: weekdays, less
 * the public holidays entered, plus the make-up working days), and how long insurance records are kept after a contract ends (Insurance Law art. 87: at
 * least 5 years for contracts of one year or less, 10 years for longer ones), and how many working days before its
 * deadline an open request is shown as due soon.
 */
@ConfigurationProperties("crm.privacy.rights")
public record DataSubjectRightsSettings(@DefaultValue("15") int deadlineWorkingDays,
                                        @DefaultValue("5") int retentionYearsShortTerm,
                                        @DefaultValue("10") int retentionYearsLongTerm,
                                        @DefaultValue("3") int remindWorkingDays) {

    public DataSubjectRightsSettings {
        if (deadlineWorkingDays < 1 || retentionYearsShortTerm < 0 || retentionYearsLongTerm < 0 || remindWorkingDays < 0) {
            throw new IllegalArgumentException("crm.privacy.rights: the deadline must be at least one working day, retention "
                    + "years and reminder working days not negative");
        }
    }
}
