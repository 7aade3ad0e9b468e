package io.insurecrm.platform.search;

import java.util.List;
import java.util.Locale;

/**
 * The segments and tags a customer search can be narrowed to, as they stand now, named in the caller's language. A
 * choice's value is what the search takes ({@code DIMENSION:NAME}, e.g. {@code VALUE:HIGH}, {@code NEED:MEDICAL_GAP}).
 */
public interface CustomerFilterChoices {

    /** The segments customers are placed in now, grouped by dimension (need clusters of the current run last). */
    List<Group> segments(Locale locale);

    /** The tags customers carry now, set by rule or by hand, grouped by tag dimension. */
    List<Group> tags(Locale locale);

    /** Whether one of the groups offers the value (a filter from a link may name a segment nobody is in now). */
    static boolean offers(List<Group> groups, String value) {
        return value != null && groups.stream().flatMap(g -> g.choices().stream()).anyMatch(c -> c.value().equals(value));
    }

    /** A group of choices under a heading (an {@code optgroup}). */
    record Group(String label, List<Choice> choices) {
        public Group {
            choices = List.copyOf(choices);
        }
    }

    /** One choice: the value the search takes and its name, its group's in front (it is all a closed pick-box shows). */
    record Choice(String value, String label) {
    }
}
