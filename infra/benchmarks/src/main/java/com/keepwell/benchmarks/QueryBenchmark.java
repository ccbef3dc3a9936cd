package com.keepwell.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.keepwell.domain.api.CustomerTier;
import com.keepwell.domain.api.FindWorklistQuery;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.infra.embedded.EmbeddedPostgresServer;
import com.keepwell.readmodels.customer.WorklistSql;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The agents' worklist query against a million customers in PostgreSQL: the statement the query handler runs
 * ({@link WorklistSql}), over the schema Flyway builds, on rows generated with realistic skew (most customers low
 * risk, a long tail of countries, rare reason codes). Measures a mix of the filters agents use, first pages and
 * cursor pages deep into the list, one client and several at once; the baseline in the same run is the same mix
 * without the worklist indexes (what they buy) and OFFSET paging at the depth of the cursor pages.
 */
@Command(name = "query-benchmark", mixinStandardHelpOptions = true)
public final class QueryBenchmark implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "1000000") int customers;
    @Option(names = "--rounds", defaultValue = "60", description = "times each query of the mix runs") int rounds;
    @Option(names = "--clients", defaultValue = "4", description = "concurrent clients in the second run") int clients;
    @Option(names = "--api-jar", defaultValue = "infra/read-models-app/target/quarkus-app/quarkus-run.jar",
            description = "the read-models service, run against the same database for the HTTP measurements")
    Path apiJar;
    @Option(names = "--docs", defaultValue = "docs") Path docs;
    @Option(names = "--command", defaultValue = "infra/benchmarks/query-benchmark") String command;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEGIN = "<!-- query-benchmark:begin -->";
    private static final String END = "<!-- query-benchmark:end -->";

    /** One kind of worklist request; {@code pages} > 1 follows the cursor that many pages deep. */
    record Probe(String name, FindWorklistQuery query, int pages) {
    }

    record Latency(String run, String probe, int samples, double p50, double p95, double p99, double max) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueryBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startThrowaway(Map.of(
                "shared_buffers", "512MB", "work_mem", "16MB", "effective_cache_size", "4GB",
                "max_wal_size", "4GB", "synchronous_commit", "off"))) {
            String url = postgres.jdbcUrl();
            Flyway.configure().dataSource(url, EmbeddedPostgresServer.USER, "").locations("classpath:db/migration")
                    .load().migrate();
            try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "")) {
                long loaded = System.nanoTime();
                generate(c);
                System.out.printf(Locale.ROOT, "%,d customers generated and analysed in %.0f s%n", customers,
                        (System.nanoTime() - loaded) / 1e9);
            }
            List<Probe> mix = mix();
            List<Latency> results = new ArrayList<>();
            results.addAll(run(url, mix, "indexed, 1 client", 1, rounds));
            results.addAll(run(url, mix, "indexed, " + clients + " clients", clients, rounds));
            List<Latency> api = new ArrayList<>();
            Path log = Files.createTempFile("read-models-", ".log");
            int port = com.keepwell.infra.embedded.FreePort.find();
            try (PlatformProcess service = PlatformProcess.startApp(apiJar, log, port, Map.of(
                    "quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                    "quarkus.datasource.password", "",
                    // the benchmark's schema also holds the scoring service's tables, which this service does not know
                    "quarkus.flyway.ignore-migration-patterns", "*:missing"))) {
                api.addAll(runHttp(port, mix, "REST API, 1 client", 1, rounds));
                api.addAll(runHttp(port, mix, "REST API, " + clients + " clients", clients, rounds));
            }
            Latency keysetDeep = run(url, List.of(deep()), "keyset page 41 (cursor)", 1, rounds).get(0);
            Latency offsetDeep = offsetPaging(url, rounds);
            try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "");
                    Statement s = c.createStatement()) {
                s.execute("DROP INDEX customer_summary_worklist");
                s.execute("DROP INDEX customer_summary_worklist_country");
                s.execute("DROP INDEX customer_summary_worklist_value");
            }
            List<Latency> baseline = run(url, mix, "baseline: no worklist indexes, 1 client", 1,
                    Math.max(5, rounds / 6));
            write(results, api, baseline, keysetDeep, offsetDeep);
        }
        return 0;
    }

    private List<Probe> mix() {
        return List.of(
                new Probe("first page, all bands", query(List.of(), null, null, List.of(), null, false, null), 1),
                new Probe("HIGH + CRITICAL", query(List.of(RiskBand.HIGH, RiskBand.CRITICAL), null, null, List.of(),
                        null, false, null), 1),
                new Probe("country DE", query(List.of(), "DE", null, List.of(), null, false, null), 1),
                new Probe("small country (IS)", query(List.of(), "IS", null, List.of(), null, false, null), 1),
                new Probe("reason NEGATIVE_REVIEW_TONE", query(List.of(), null, "NEGATIVE_REVIEW_TONE", List.of(),
                        null, false, null), 1),
                new Probe("rare reason + country (UNRESOLVED_TICKET, NL)", query(List.of(), "NL", "UNRESOLVED_TICKET",
                        List.of(), null, false, null), 1),
                new Probe("GOLD/PLATINUM, CRITICAL, no open offer", query(List.of(RiskBand.CRITICAL), null, null,
                        List.of(CustomerTier.GOLD, CustomerTier.PLATINUM), false, false, null), 1),
                new Probe("lowest risk first", query(List.of(), null, null, List.of(), null, true, null), 1),
                new Probe("highest value at risk first, 10 cursor pages deep", new FindWorklistQuery(List.of(), null,
                        null, List.of(), null, FindWorklistQuery.Sort.VALUE_AT_RISK, false, 50, null), 11),
                deep());
    }

    private static Probe deep() {
        return new Probe("HIGH + CRITICAL, 40 cursor pages deep", query(List.of(RiskBand.HIGH, RiskBand.CRITICAL),
                null, null, List.of(), null, false, null), 41);
    }

    private static FindWorklistQuery query(List<RiskBand> bands, String country, String reason,
            List<CustomerTier> tiers, Boolean openOffer, boolean ascending, FindWorklistQuery.WorklistPosition after) {
        return new FindWorklistQuery(bands, country, reason, tiers, openOffer, ascending, 50, after);
    }

    /**
     * A million customers: risk scores skewed low (beta-like, 1 - sqrt(u)), bands by the default cut-offs, 24
     * countries with a long tail, tiers from a heavy-tailed lifetime value, three reasons each drawn from 10 codes of
     * unequal frequency, 4 % with an open offer, 3 % closed accounts, 8 % never scored.
     */
    private void generate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TEMP TABLE reason_code(i int, code text, weight int, text text);
                    INSERT INTO reason_code VALUES
                      (0, 'NO_RECENT_ORDER', 30, 'no order for %s days'), (1, 'FEWER_VISITS', 20, '%s visits in the last 30 days'),
                      (2, 'SPEND_DOWN', 14, 'spend down %s %% on the previous 90 days'), (3, 'NO_RECENT_VISIT', 12, 'no visit in %s days'),
                      (4, 'CART_ABANDONED', 8, '%s abandoned carts in 30 days'), (5, 'RETURNS', 6, '%s returns in 30 days'),
                      (6, 'NEGATIVE_REVIEW_TONE', 4, 'negative review tone'), (7, 'LOW_RATING', 3, 'mean rating %s'),
                      (8, 'DISCOUNT_ONLY', 2, 'only buys with a discount'), (9, 'UNRESOLVED_TICKET', 1, 'support ticket open for %s days');
                    """);
            s.execute("""
                    CREATE TEMP TABLE country(i int, code text);
                    INSERT INTO country SELECT i - 1, c FROM unnest(ARRAY['DE','FR','GB','NL','IT','ES','PL','SE','AT','BE',
                      'CH','DK','NO','FI','IE','PT','CZ','HU','RO','GR','SK','SI','LU','IS']) WITH ORDINALITY AS t(c, i);
                    """);
            s.execute("SET work_mem = '256MB'");
            s.execute("ALTER TABLE customer_summary SET (autovacuum_enabled = false)");
            s.execute(String.format(Locale.ROOT, """
                    INSERT INTO customer_summary (customer_id, registered, account_closed, country, orders, net_revenue,
                        lifetime_value, tier, sessions, reviews, open_tickets, first_seen_at, last_activity_at,
                        marketing_consent, risk_score, risk_band, risk_reasons, risk_model, risk_features_as_of,
                        risk_assessed_at, open_offer_id, open_offer_rule)
                    SELECT 'c-' || g, true, r.closed, (SELECT code FROM country WHERE i = r.country_i), r.orders,
                        jsonb_build_object('EUR', r.ltv), r.ltv,
                        CASE WHEN r.ltv >= 1000 THEN 'PLATINUM' WHEN r.ltv >= 400 THEN 'GOLD'
                             WHEN r.ltv >= 100 THEN 'SILVER' ELSE 'BRONZE' END,
                        r.orders * 3, r.orders / 3, (r.u4 < 0.05)::int, now() - interval '2 years' * r.u1,
                        now() - interval '120 days' * r.u2, '{"EMAIL": true}'::jsonb,
                        CASE WHEN r.scored THEN r.score END,
                        CASE WHEN NOT r.scored THEN NULL WHEN r.score >= 0.85 THEN 'CRITICAL' WHEN r.score >= 0.6 THEN 'HIGH'
                             WHEN r.score >= 0.3 THEN 'MEDIUM' ELSE 'LOW' END,
                        CASE WHEN r.scored THEN (SELECT jsonb_agg(jsonb_build_object('code', rc.code, 'feature', rc.code,
                             'value', 1, 'contribution', 0.1, 'text', format(rc.text, (10 + g %% 90)::text)))
                             FROM reason_code rc WHERE rc.i IN (r.reason1, r.reason2, r.reason3)) END,
                        CASE WHEN r.scored THEN 'churn-default-v1' END,
                        CASE WHEN r.scored THEN now() - interval '1 day' * r.u3 END,
                        CASE WHEN r.scored THEN now() - interval '1 day' * r.u3 END,
                        CASE WHEN r.u5 < 0.04 THEN 'offer-' || g END, CASE WHEN r.u5 < 0.04 THEN 'rule-1' END
                    FROM generate_series(1, %d) g
                    CROSS JOIN LATERAL (
                        SELECT random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS u5,
                            random() < 0.03 AS closed, random() >= 0.08 AS scored,
                            round((1 - sqrt(random()))::numeric, 4)::double precision AS score,
                            least(23, floor(-ln(1 - random() * 0.9999) * 4))::int AS country_i,
                            1 + floor(-ln(1 - random() * 0.9999) * 4)::int AS orders,
                            round((exp(random() * 7.5))::numeric, 2) AS ltv,
                            %s AS reason1, %s AS reason2, %s AS reason3
                        WHERE g > 0
                    ) r
                    """, customers, weightedReason(), weightedReason(), weightedReason()));
            s.execute("ALTER TABLE customer_summary SET (autovacuum_enabled = true)");
            s.execute("VACUUM ANALYZE customer_summary");
        }
    }

    /** A reason code index drawn with the weights of {@code reason_code} (30 : 20 : … : 1 of 100). */
    private static String weightedReason() {
        int[] cumulative = {30, 50, 64, 76, 84, 90, 94, 97, 99, 100};
        StringBuilder sql = new StringBuilder("(SELECT CASE");
        for (int i = 0; i < cumulative.length; i++) {
            sql.append(" WHEN x < ").append(cumulative[i]).append(" THEN ").append(i);
        }
        return sql.append(" END FROM (SELECT floor(random() * 100) AS x) w)").toString();
    }

    /** A client of the benchmark: runs one probe and answers the time of its (last) page, in milliseconds. */
    interface Client extends AutoCloseable {
        double run(Probe probe) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** The mix through the handler's SQL over JDBC, one connection per client. */
    private List<Latency> run(String url, List<Probe> mix, String runName, int threads, int times) throws Exception {
        return measure(runName, mix, threads, times, 2, () -> {
            Connection c = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "");
            return new Client() {
                @Override
                public double run(Probe probe) throws SQLException {
                    return execute(c, probe);
                }

                @Override
                public void close() throws SQLException {
                    c.close();
                }
            };
        });
    }

    /**
     * The same mix through {@code GET /api/customers} of the read-models service: HTTP, the query bus, the handler's
     * SQL and JSON, on the same machine. A fresh JVM: ten rounds of the mix first, so the service's code is compiled
     * before it is timed.
     */
    private List<Latency> runHttp(int port, List<Probe> mix, String runName, int threads, int times)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return measure(runName, mix, threads, times, 10, () -> probe -> get(http, port, probe));
    }

    /** {@code warmRounds} of the mix untimed, then {@code threads} clients each run it {@code times} times. */
    private static List<Latency> measure(String runName, List<Probe> mix, int threads, int times, int warmRounds,
            Callable<Client> clients) throws Exception {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        mix.forEach(p -> samples.put(p.name(), java.util.Collections.synchronizedList(new ArrayList<>())));
        try (Client warm = clients.call()) {
            for (int round = 0; round < warmRounds; round++) {
                for (Probe p : mix) {
                    warm.run(p);
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    try (Client client = clients.call()) {
                        for (int round = 0; round < times; round++) {
                            for (Probe p : mix) {
                                samples.get(p.name()).add(client.run(p));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<Latency> out = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        samples.forEach((probe, ms) -> {
            out.add(latency(runName, probe, ms));
            all.addAll(ms);
        });
        out.add(latency(runName, "all requests", all));
        System.out.printf(Locale.ROOT, "%-45s p50 %6.2f ms  p99 %7.2f ms  (%d requests)%n", runName,
                out.get(out.size() - 1).p50(), out.get(out.size() - 1).p99(), all.size());
        return out;
    }

    /** One probe over HTTP, following {@code nextCursor} for deep ones; the time of the last page. */
    private static double get(HttpClient http, int port, Probe p) throws Exception {
        FindWorklistQuery q = p.query();
        StringBuilder query = new StringBuilder("limit=").append(q.limit());
        q.bands().forEach(b -> query.append("&band=").append(b.name()));
        q.tiers().forEach(t -> query.append("&tier=").append(t.name()));
        if (q.country() != null) {
            query.append("&country=").append(q.country());
        }
        if (q.reason() != null) {
            query.append("&reason=").append(q.reason());
        }
        if (q.hasOpenOffer() != null) {
            query.append("&hasOpenOffer=").append(q.hasOpenOffer());
        }
        query.append("&sort=").append(q.ascending() ? "-" : "")
                .append(q.sort() == FindWorklistQuery.Sort.VALUE_AT_RISK ? "valueAtRisk" : "risk");
        String cursor = null;
        double last = 0;
        for (int page = 0; page < p.pages(); page++) {
            URI uri = URI.create("http://localhost:" + port + "/api/customers?" + query
                    + (cursor == null ? "" : "&cursor=" + cursor));
            long started = System.nanoTime();
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            last = (System.nanoTime() - started) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            var next = JSON.readTree(response.body()).path("nextCursor");
            if (next.isNull() || next.isMissingNode()) {
                break;
            }
            cursor = next.asText();
        }
        return last;
    }

    /** Runs a probe; a deep probe follows its cursor and reports only the time of the last page. */
    private static double execute(Connection c, Probe p) throws SQLException {
        FindWorklistQuery q = p.query();
        double last = 0;
        for (int page = 0; page < p.pages(); page++) {
            WorklistSql statement = WorklistSql.of(q);
            long started = System.nanoTime();
            FindWorklistQuery.WorklistPosition next = null;
            try (PreparedStatement s = c.prepareStatement(statement.sql())) {
                for (int i = 0; i < statement.args().size(); i++) {
                    s.setObject(i + 1, statement.args().get(i));
                }
                try (ResultSet rows = s.executeQuery()) {
                    int n = 0;
                    while (rows.next() && n++ < q.limit()) {
                        next = new FindWorklistQuery.WorklistPosition(q.sort() == FindWorklistQuery.Sort.VALUE_AT_RISK
                                ? rows.getBigDecimal(13).doubleValue() : rows.getDouble(4), rows.getString(1));
                        rows.getString(6);
                    }
                }
            }
            last = (System.nanoTime() - started) / 1e6;
            if (next == null) {
                break;
            }
            q = new FindWorklistQuery(q.bands(), q.country(), q.reason(), q.tiers(), q.hasOpenOffer(), q.sort(),
                    q.ascending(), q.limit(), next);
        }
        return last;
    }

    /** The same page 41 as the deep probe, reached with OFFSET 2000 instead of a cursor. */
    private static Latency offsetPaging(String url, int times) throws SQLException {
        String sql = WorklistSql.of(deep().query()).sql().replace(" LIMIT ?", " LIMIT ? OFFSET 2000");
        List<Double> ms = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "");
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, RiskBand.HIGH.name());
            s.setString(2, RiskBand.CRITICAL.name());
            s.setInt(3, 51);
            for (int i = 0; i < times + 2; i++) {
                long started = System.nanoTime();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        rows.getString(6);
                    }
                }
                if (i >= 2) {
                    ms.add((System.nanoTime() - started) / 1e6);
                }
            }
        }
        return latency("OFFSET 2000 (page 41)", "HIGH + CRITICAL", ms);
    }

    private static Latency latency(String run, String probe, List<Double> ms) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Latency(run, probe, sorted.length, quantile(sorted, 0.5), quantile(sorted, 0.95),
                quantile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    /** Nearest-rank quantile. */
    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return round2(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private void write(List<Latency> indexed, List<Latency> api, List<Latency> baseline, Latency keysetDeep,
            Latency offsetDeep) throws Exception {
        String machine = Report.machine(Runtime.getRuntime().availableProcessors());
        Latency one = indexed.stream().filter(l -> l.run().endsWith("1 client") && l.probe().equals("all requests"))
                .findFirst().orElseThrow();
        Latency many = indexed.stream().filter(l -> !l.run().endsWith("1 client") && l.probe().equals("all requests"))
                .findFirst().orElseThrow();
        Latency base = baseline.get(baseline.size() - 1);
        Latency apiOne = api.stream().filter(l -> l.run().endsWith("1 client") && l.probe().equals("all requests"))
                .findFirst().orElseThrow();
        Latency apiMany = api.stream().filter(l -> !l.run().endsWith("1 client") && l.probe().equals("all requests"))
                .findFirst().orElseThrow();
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append('\n');
        md.append(String.format(Locale.ROOT, "## Worklist query: %,d customers in PostgreSQL%n%n", customers));
        md.append("Command: `").append(command).append("`  \n");
        md.append("Machine: ").append(machine).append("  \n");
        md.append("Date: ").append(LocalDate.now()).append(String.format(Locale.ROOT,
                "; %,d customers (about 92 %% scored); embedded PostgreSQL on the same machine, shared_buffers "
                        + "512 MB; %d rounds of the mix per client, each query after a warm-up.%n%n", customers, rounds));
        md.append(String.format(Locale.ROOT, "**p99 %.1f ms** with one client, **%.1f ms** with %d clients at once "
                + "(target ≤ 50 ms); without the three worklist indexes (risk order, country then risk, value at "
                + "risk; the GIN index for reason codes stays) "
                + "the same mix has p99 %.0f ms (%.0f× slower).%n%n",
                one.p99(), many.p99(), clients, base.p99(), base.p99() / Math.max(0.01, one.p99())));
        md.append(String.format(Locale.ROOT, "End to end through `GET /api/customers` of the read-models service (HTTP, "
                + "query bus, SQL, JSON): **p99 %.1f ms** with one client (p50 %.1f ms), **%.1f ms** with %d clients.%n%n",
                apiOne.p99(), apiOne.p50(), apiMany.p99(), clients));
        md.append("| query (50 rows a page) | SQL p50 | SQL p95 | SQL p99 | SQL p99, ").append(clients)
                .append(" clients | REST p99 | REST p99, ").append(clients).append(" clients | SQL p99, no indexes |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Latency l : indexed) {
            if (!l.run().endsWith("1 client")) {
                continue;
            }
            Latency concurrent = find(indexed, l.probe(), false);
            Latency rest = find(api, l.probe(), true);
            Latency restConcurrent = find(api, l.probe(), false);
            Latency noIndex = find(baseline, l.probe(), null);
            md.append(String.format(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %s |%n",
                    l.probe(), l.p50(), l.p95(), l.p99(), concurrent == null ? 0 : concurrent.p99(),
                    rest == null ? 0 : rest.p99(), restConcurrent == null ? 0 : restConcurrent.p99(),
                    noIndex == null ? "–" : String.format(Locale.ROOT, "%.0f ms", noIndex.p99())));
        }
        md.append(String.format(Locale.ROOT, "%nPaging 40 pages deep (HIGH + CRITICAL): keyset cursor p50 %.2f ms, "
                + "p99 %.2f ms; OFFSET 2000 p50 %.2f ms, p99 %.2f ms.%n%n", keysetDeep.p50(), keysetDeep.p99(),
                offsetDeep.p50(), offsetDeep.p99()));
        md.append("SQL time is the statement the query handler runs (`WorklistSql`), over JDBC from a client on the "
                + "same machine, until the last row is read; REST time is the whole request to the read-models service "
                + "(`infra/read-models-app`, started against the same database), until the last byte. Data: risk skewed low (1 − √u), bands by the default cut-offs, 24 "
                + "countries with a long tail (IS is about 1 in 300), three reason codes per customer with weights 30 … 1 "
                + "(UNRESOLVED_TICKET 1 %), 4 % with an open offer, 3 % closed. Numbers in "
                + "`docs/results/query-benchmark.json`.\n");
        md.append(END).append('\n');
        Report.writeSection(docs, BEGIN, END, md.toString());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("machine", machine);
        json.put("date", LocalDate.now().toString());
        json.put("customers", customers);
        json.put("p99Ms", one.p99());
        json.put("p99MsConcurrent", many.p99());
        json.put("clients", clients);
        json.put("apiP99Ms", apiOne.p99());
        json.put("apiP99MsConcurrent", apiMany.p99());
        json.put("baselineNoIndexP99Ms", base.p99());
        json.put("targetP99Ms", 50);
        json.put("indexed", indexed);
        json.put("api", api);
        json.put("baselineNoIndex", baseline);
        json.put("keysetPage41", keysetDeep);
        json.put("offsetPage41", offsetDeep);
        Files.createDirectories(docs.resolve("results"));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(docs.resolve("results/query-benchmark.json").toFile(), json);
        System.out.println("Wrote " + docs.resolve("BENCHMARKS.md") + " and " + docs.resolve("results/query-benchmark.json"));
    }

    private static Latency find(List<Latency> in, String probe, Boolean oneClient) {
        return in.stream().filter(l -> l.probe().equals(probe))
                .filter(l -> oneClient == null || l.run().endsWith("1 client") == oneClient)
                .findFirst().orElse(null);
    }
}
