package com.keepwell.readmodels;

/** How the read models write a probability for people: whole percent, and the ends are not certainties. */
public final class Readable {

    private Readable() {
    }

    /** 0.8312 → "83 %"; 0.998 → "> 99 %"; 0.001 → "< 1 %". */
    public static String percent(double share) {
        if (share > 0.995) {
            return "> 99 %";
        }
        if (share > 0 && share < 0.005) {
            return "< 1 %";
        }
        return Math.round(share * 100) + " %";
    }
}
