package com.keepwell.scoring.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model card as one self-contained HTML page (inline SVG charts, no scripts, opens from disk or the API):
 * headline metrics, calibration curve, lift by decile, feature importance and per-segment metrics, so a model
 * that serves one group of customers worse than another shows it.
 */
public final class ModelCard {

    private ModelCard() {
    }

    public static String html(ModelManifest m) {
        Metrics.Summary t = m.test();
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Model card ")
                .append(esc(m.version())).append("</title><style>")
                .append("body{font:15px/1.45 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1d2330}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{padding:.25em .7em;border-bottom:1px solid #dde;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}h2{margin-top:1.8em}.grid{display:flex;gap:2em;flex-wrap:wrap}")
                .append("small{color:#667}</style></head><body>");
        h.append("<h1>Churn model ").append(esc(m.version())).append("</h1><p>Trained ").append(m.createdAt())
                .append(" on ").append(esc(m.source())).append(". Label: no order (or account closed) in the ")
                .append(m.horizonDays()).append(" days after the snapshot. Features: <code>")
                .append(esc(m.featureSchemaVersion())).append("</code> (").append(m.featureNames().size())
                .append("), ").append(m.trees()).append(" trees. ONNX parity: max |Δp| = ")
                .append(fmt("%.2g", m.parity().maxAbsDifference())).append(" over ").append(m.parity().rows())
                .append(" rows.</p>");
        h.append("<h2>Time-based split</h2><table><tr><th>period</th><th>rows</th><th>churn rate</th><th>snapshots</th></tr>");
        for (ModelManifest.Period p : m.periods()) {
            h.append("<tr><td>").append(esc(p.name())).append("</td><td>").append(p.rows()).append("</td><td>")
                    .append(pct(p.churnRate())).append("</td><td>").append(p.firstSnapshot()).append(" … ")
                    .append(p.lastSnapshot()).append("</td></tr>");
        }
        h.append("</table>");
        h.append("<h2>Test period (calibrated scores)</h2><table><tr><th>metric</th><th>value</th></tr>")
                .append(row("ROC AUC", fmt("%.3f", t.rocAuc()))).append(row("PR AUC", fmt("%.3f", t.prAuc())))
                .append(row("log loss", fmt("%.3f", t.logLoss()))).append(row("Brier score", fmt("%.3f", t.brier())))
                .append(row("base rate", pct(t.baseRate())))
                .append(row("operating threshold (best F1 on validation)", fmt("%.3f", t.threshold())))
                .append(row("precision / recall / F1 at threshold", fmt("%.3f", t.precision()) + " / "
                        + fmt("%.3f", t.recall()) + " / " + fmt("%.3f", t.f1())))
                .append("</table>");
        h.append("<div class=\"grid\"><div><h2>Calibration</h2>").append(calibration(t.calibration()))
                .append("<br><small>observed churn rate per predicted-probability bin; dashed = perfect</small></div>")
                .append("<div><h2>Lift by decile</h2>").append(lift(t.liftByDecile()))
                .append("<br><small>churn rate of each score decile ÷ base rate, highest scores first</small></div></div>");
        h.append("<h2>Feature importance</h2>").append(importance(m.importance()))
                .append("<br><small>mean |contribution| to the log-odds on the test period (the same tree-path "
                        + "contributions that become reason codes)</small>");
        h.append("<h2>Segments</h2>");
        for (Map.Entry<String, List<ModelManifest.SegmentMetrics>> e : m.segments().entrySet()) {
            h.append("<h3>").append(esc(e.getKey())).append("</h3><table><tr><th>segment</th><th>rows</th>")
                    .append("<th>churn rate</th><th>mean predicted</th><th>ROC AUC</th><th>log loss</th><th>Brier</th>")
                    .append("<th>recall at threshold</th></tr>");
            for (ModelManifest.SegmentMetrics s : e.getValue()) {
                h.append("<tr><td>").append(esc(s.segment())).append("</td><td>").append(s.rows()).append("</td><td>")
                        .append(pct(s.churnRate())).append("</td><td>").append(pct(s.meanPredicted()))
                        .append("</td><td>").append(fmt("%.3f", s.rocAuc())).append("</td><td>")
                        .append(fmt("%.3f", s.logLoss())).append("</td><td>").append(fmt("%.3f", s.brier()))
                        .append("</td><td>").append(fmt("%.3f", s.recall())).append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    private static String calibration(List<Metrics.CalibrationBin> bins) {
        int size = 300;
        int pad = 30;
        StringBuilder svg = svg(size + pad, size + pad);
        svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#99a' stroke-dasharray='4'/>",
                pad, size, size + pad, 0));
        svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/><line x1='%d' y1='0' x2='%d' y2='%d' stroke='#333'/>",
                pad, size, size + pad, size, pad, pad, size));
        StringBuilder path = new StringBuilder();
        for (Metrics.CalibrationBin b : bins) {
            double x = pad + b.meanPredicted() * size;
            double y = size - b.observedRate() * size;
            path.append(path.length() == 0 ? "M" : "L").append(fmt("%.1f", x)).append(',').append(fmt("%.1f", y));
            svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='%.1f' fill='#2f6fdf'><title>predicted %.2f, observed %.2f, %d rows</title></circle>",
                    x, y, 2 + Math.min(6, Math.log10(1 + b.count())), b.meanPredicted(), b.observedRate(), b.count()));
        }
        svg.append("<path d='").append(path).append("' fill='none' stroke='#2f6fdf' stroke-width='2'/>");
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11'>predicted →</text><text x='2' y='12' font-size='11'>observed</text>",
                size - 40, size + 20));
        return svg.append("</svg>").toString();
    }

    private static String lift(double[] lift) {
        int width = 320;
        int height = 220;
        double max = 0;
        for (double l : lift) {
            max = Math.max(max, Double.isNaN(l) ? 0 : l);
        }
        StringBuilder svg = svg(width, height + 20);
        double bar = width / 10.0;
        for (int d = 0; d < lift.length; d++) {
            double v = Double.isNaN(lift[d]) ? 0 : lift[d];
            double hgt = max == 0 ? 0 : v / max * (height - 20);
            svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'><title>decile %d: lift %.2f</title></rect>",
                    d * bar + 2, height - hgt, bar - 4, hgt, v >= 1 ? "#d9534f" : "#7aa6e8", d + 1, v));
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='10' text-anchor='middle'>%.1f</text>",
                    d * bar + bar / 2, height + 14, v));
        }
        double one = max == 0 ? height : height - 1 / max * (height - 20);
        svg.append(String.format(Locale.ROOT, "<line x1='0' x2='%d' y1='%.1f' y2='%.1f' stroke='#333' stroke-dasharray='3'/>",
                width, one, one));
        return svg.append("</svg>").toString();
    }

    private static String importance(List<ModelManifest.Importance> importance) {
        List<ModelManifest.Importance> top = importance.stream().limit(15).toList();
        int rowHeight = 20;
        int width = 640;
        int label = 230;
        double max = top.stream().mapToDouble(ModelManifest.Importance::meanAbsContribution).max().orElse(1);
        StringBuilder svg = svg(width, top.size() * rowHeight + 4);
        for (int i = 0; i < top.size(); i++) {
            ModelManifest.Importance f = top.get(i);
            double w = max == 0 ? 0 : f.meanAbsContribution() / max * (width - label - 60);
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='12' text-anchor='end'>%s</text>",
                    label - 6, i * rowHeight + 14, esc(f.feature())));
            svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%.1f' height='%d' fill='#5b8def'/>",
                    label, i * rowHeight + 3, w, rowHeight - 6));
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='11'>%.3f</text>",
                    label + w + 4, i * rowHeight + 14, f.meanAbsContribution()));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder svg(int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' role='img'>",
                width, height, width, height));
    }

    private static String row(String name, String value) {
        return "<tr><td>" + esc(name) + "</td><td>" + value + "</td></tr>";
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : fmt("%.1f %%", v * 100);
    }

    private static String fmt(String format, double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
