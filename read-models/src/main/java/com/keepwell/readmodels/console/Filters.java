package com.keepwell.readmodels.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.keepwell.domain.api.CustomerTier;
import com.keepwell.domain.api.RiskBand;

/** The worklist filters as the console's form sends them, and back as a query string for "more". */
public record Filters(List<String> bands, String country, String reason, List<String> tiers, String offer,
        String sort) {

    public Filters {
        bands = bands == null ? List.of() : List.copyOf(bands);
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        country = country == null ? "" : country.strip();
        reason = reason == null ? "" : reason.strip();
        offer = offer == null ? "" : offer;
        sort = sort == null || sort.isBlank() ? "risk" : sort;
    }

    /** The worklist API's {@code hasOpenOffer}: "true", "false", or null for any. */
    String hasOpenOffer() {
        return switch (offer) {
            case "yes" -> "true";
            case "no" -> "false";
            default -> null;
        };
    }

    public List<RiskBand> allBands() {
        return List.of(RiskBand.CRITICAL, RiskBand.HIGH, RiskBand.MEDIUM, RiskBand.LOW);
    }

    public List<CustomerTier> allTiers() {
        return List.of(CustomerTier.values());
    }

    public boolean band(RiskBand band) {
        return bands.stream().anyMatch(b -> b.equalsIgnoreCase(band.name()));
    }

    public boolean tier(CustomerTier tier) {
        return tiers.stream().anyMatch(t -> t.equalsIgnoreCase(tier.name()));
    }

    /** The filters as URL parameters (without a leading '?'). */
    public String query() {
        List<String> parts = new ArrayList<>();
        bands.forEach(b -> parts.add("band=" + encode(b)));
        tiers.forEach(t -> parts.add("tier=" + encode(t)));
        if (!country.isEmpty()) {
            parts.add("country=" + encode(country));
        }
        if (!reason.isEmpty()) {
            parts.add("reason=" + encode(reason));
        }
        if (!offer.isEmpty()) {
            parts.add("offer=" + encode(offer));
        }
        parts.add("sort=" + encode(sort));
        return String.join("&", parts);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
