package com.keepwell.scoring.text;

import java.util.Locale;

/**
 * Picks the embedding model for a text. The storefront's language tag wins; without one, a text that is mostly
 * CJK ideographs is Chinese. Written by hand because the platform knows two languages, and a general language
 * detector (and its profiles) would be the larger dependency for that one decision.
 */
public final class Languages {

    private Languages() {
    }

    public static boolean isChinese(String text, String language) {
        if (language != null && !language.isBlank()) {
            String tag = language.toLowerCase(Locale.ROOT);
            if (tag.startsWith("zh")) {
                return true;
            }
            if (tag.startsWith("en")) {
                return false;
            }
        }
        long letters = text.codePoints().filter(Character::isLetter).count();
        long ideographs = text.codePoints().filter(Character::isIdeographic).count();
        return letters > 0 && ideographs * 2 >= letters;
    }
}
