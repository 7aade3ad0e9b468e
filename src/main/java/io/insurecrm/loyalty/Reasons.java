package io.insurecrm.loyalty;

import java.util.Locale;

/** A reason kept in both languages: the English text for an English locale when there is one, else the Chinese. */
final class Reasons {

    private Reasons() {
    }

    static String in(Locale locale, String zh, String en) {
        return locale != null && "en".equals(locale.getLanguage()) && en != null && !en.isBlank() ? en : zh;
    }
}
