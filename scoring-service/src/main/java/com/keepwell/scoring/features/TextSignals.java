package com.keepwell.scoring.features;

/** Turns review and ticket text into a number the churn model can use. */
public interface TextSignals {

    /** Probability in [0, 1] that the text is negative; NaN when there is no text to judge. */
    double negativeTone(String text, String language);

    /** For data without text (CDNOW) and for tests of the other features. */
    TextSignals NONE = (text, language) -> Double.NaN;
}
