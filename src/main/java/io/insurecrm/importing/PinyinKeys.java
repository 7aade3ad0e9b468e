package io.insurecrm.importing;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pinyin key of a name: each Han character's pinyin without tones (ICU's Han-Latin transliteration, read
 * once per character and cached), Latin letters lower-cased, the syllables sorted and joined by spaces. Two
 * names that sound alike — a homophone typed by a pinyin input method, 张伟 and 章伟 — or that hold the same
 * syllables in another order (伟张, Wei Zhang) get the same key.
 */
final class PinyinKeys {

    private static final Transliterator HAN_TO_LATIN = Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower");
    private static final ConcurrentHashMap<Character, String> SYLLABLES = new ConcurrentHashMap<>();

    private PinyinKeys() {
    }

    static String key(String name) {
        List<String> syllables = new ArrayList<>(4);
        StringBuilder latin = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                flush(latin, syllables);
                syllables.add(SYLLABLES.computeIfAbsent(c, PinyinKeys::syllable));
            } else if (Character.isLetter(c)) {
                latin.append(Character.toLowerCase(c));
            } else {
                flush(latin, syllables);
            }
        }
        flush(latin, syllables);
        Collections.sort(syllables);
        return String.join(" ", syllables);
    }

    private static String syllable(Character c) {
        String latin;
        synchronized (HAN_TO_LATIN) {
            latin = HAN_TO_LATIN.transliterate(String.valueOf(c));
        }
        return latin.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private static void flush(StringBuilder latin, List<String> syllables) {
        if (!latin.isEmpty()) {
            syllables.add(latin.toString());
            latin.setLength(0);
        }
    }
}
