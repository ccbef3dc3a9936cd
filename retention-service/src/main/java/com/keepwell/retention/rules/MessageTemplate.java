package com.keepwell.retention.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offer texts with {@code {{field}}} placeholders. Unknown fields are refused when the rule is saved, not
 * discovered in a customer's inbox.
 */
public final class MessageTemplate {

    public static final Set<String> FIELDS = Set.of("first_name", "coupon_code", "valid_until", "incentive",
            "top_category");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

    private MessageTemplate() {
    }

    /** The placeholders in {@code template} that are not known fields, in order. */
    public static List<String> unknownFields(String template) {
        List<String> unknown = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!FIELDS.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /**
     * Fills the placeholders it has values for and leaves the others for the channel provider: personal fields such
     * as the first name never reach the retention service.
     */
    public static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
