package com.educonsult.crm.bench;

import com.educonsult.crm.bench.AnalyticsData.Planned;
import com.educonsult.crm.bench.BenchServer.Org;
import com.educonsult.crm.bench.BenchServer.Percentiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Not a test: the analytics endpoints at a consultancy's largest size, each beside the same figure computed by a
 * plain SQL over the base tables in the same run. Run by {@code bench/analytics.sh}, in two steps:
 * <ul>
 * <li>{@code generate DIR LEADS}: writes the data set into a PostgreSQL that keeps its data in DIR (see
 * {@link AnalyticsData}), folds the facts, prints how long each table took; a data set already there is reused,
 * an interrupted one is completed;</li>
 * <li>{@code measure DIR ENDPOINTS}: p50/p95/p99 of every endpoint of the table in the file ENDPOINTS for an admin,
 * a manager and a counselor, warm (repeated requests) and cold (the first request after the server and its
 * PostgreSQL restarted with the operating system's page cache dropped, where allowed), each beside its SQL timed
 * the same way; endpoints that answer 404 are not built yet and are skipped.</li>
 * </ul>
 */
public final class AnalyticsBenchmark {

    private static final int ROUNDS = setting("BENCH_ROUNDS", 20);
    private static final int COLD_ROUNDS = setting("BENCH_COLD_ROUNDS", 3);
    /** Warm runs of each plain SQL at most (a plain SQL over a million leads takes seconds a run). */
    private static final int PLAIN_ROUNDS = setting("BENCH_PLAIN_ROUNDS", ROUNDS);
    /** Seconds a warm measurement may take before it stops at fewer rounds (at least three). */
    private static final int BUDGET_SECONDS = setting("BENCH_BUDGET_SECONDS", 20);
    private static final int RANGE_DAYS = setting("BENCH_RANGE_DAYS", 90);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A setting from the environment (the script passes them through). */
    static int setting(String name, int fallback) {
        return (int) setting(name, (long) fallback);
    }

    static long setting(String name, long fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value);
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String directory = Path.of(args[1]).toAbsolutePath().toString();
        if (mode.equals("generate")) {
            generate(directory, Integer.parseInt(args[2]));
        } else {
            new AnalyticsBenchmark(directory, Path.of(args[2])).measure();
        }
        System.exit(0);
    }

    private static void generate(String directory, int leads) throws Exception {
        try (BenchServer server = BenchServer.startKeeping(directory, "--crm.rate-limits.enabled=false",
                "--crm.analytics.fold-interval=PT1000H")) {
            AnalyticsData data = new AnalyticsData(server);
            data.growTo(leads);
            if (data.complete()) {
                System.out.println("data set already complete in " + directory);
            } else {
                int small = Math.max(20, Math.min(200, leads / 5_000));
                data.plan(leads, setting("BENCH_SMALL_ORGANIZATIONS", 50), small);
                long started = System.nanoTime();
                data.generate(setting("BENCH_GENERATE_UNTIL", 0L));
                System.out.printf("written in this run: %.0f s%n", (System.nanoTime() - started) / 1e9);
                data.finish().forEach((step, seconds) -> System.out.printf("%s: %.0f s%n", step, seconds));
            }
            report(data);
        }
    }

    private static void report(AnalyticsData data) throws SQLException {
        Planned large = data.large();
        System.out.println();
        System.out.println("| table | rows (all organizations) | seconds writing | rows/s |");
        System.out.println("|---|---|---|---|");
        double total = 0;
        for (Map.Entry<String, double[]> t : data.totals().entrySet()) {
            double[] v = t.getValue();
            total += v[1];
            System.out.printf("| %s | %,d | %.0f | %s |%n", t.getKey(), (long) v[0], v[1],
                    v[0] == 0 ? "" : String.format("%,.0f", v[0] / v[1]));
        }
        System.out.printf("| all statements | | %.0f | |%n", total);
        String org = "'" + large.id() + "'";
        System.out.println();
        System.out.printf("large organization: %,d leads, %,d stages, %,d activities, %,d calls%n",
                data.count("select count(*) from leads where organization_id = " + org),
                data.count("select count(*) from lead_stages where organization_id = " + org),
                data.count("select count(*) from activities where organization_id = " + org),
                data.count("select count(*) from call_logs where organization_id = " + org));
        System.out.printf("facts of the large organization after the fold: %,d rows (all organizations: %,d); "
                + "lead_responses: %,d; lead_tallies: %,d%n",
                data.count("select count(*) from analytics_facts where organization_id = " + org),
                data.count("select count(*) from analytics_facts"),
                data.count("select count(*) from lead_responses where organization_id = " + org),
                data.count("select count(*) from lead_tallies where organization_id = " + org));
        System.out.println();
        System.out.println("| metric | grain | fact rows (large organization) | base rows they count (sum of n) "
                + "| rows per fact |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String[] row : data.rows("select metric, grain, count(*), sum(n) from analytics_facts "
                + "where organization_id = " + org + " group by 1, 2 order by 1, 2")) {
            System.out.printf("| %s | %s | %,d | %,d | %.1f |%n", row[0], row[1], Long.parseLong(row[2]),
                    Long.parseLong(row[3]), Double.parseDouble(row[3]) / Double.parseDouble(row[2]));
        }
        System.out.printf("database size: %,d MB%n", data.count("select pg_database_size(current_database()) / 1048576"));
    }

    /** One row of the endpoint table: the request and the plain SQL that computes the same figure. */
    record Endpoint(String method, String path, String body, String sql) {
        String name() {
            String shown = path.replace("/api/v1", "").replaceAll("[?&]date_(from|to)=\\{(from|to)}", "")
                    .replaceFirst("^([^?]*)&", "$1?");
            return method + " " + shown;
        }
    }

    /** Who asks, and the placeholders of their scope. */
    record Caller(String role, String token, Map<String, String> values) {
    }

    private final String directory;
    private final List<Endpoint> endpoints;
    private BenchServer server;
    private final Map<String, String> results = new LinkedHashMap<>();

    private AnalyticsBenchmark(String directory, Path table) throws IOException {
        this.directory = directory;
        this.endpoints = parse(Files.readAllLines(table));
    }

    /**
     * Lines {@code METHOD PATH [JSON BODY] | SQL}; blank lines and lines starting with # are skipped. Placeholders
     * (see {@link #callers}) are replaced in the path, the body and the SQL.
     */
    static List<Endpoint> parse(List<String> lines) {
        List<Endpoint> parsed = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int bar = trimmed.indexOf(" | ");
            String request = trimmed.substring(0, bar).strip();
            String sql = trimmed.substring(bar + 3).strip();
            String[] parts = request.split("\\s+", 3);
            parsed.add(new Endpoint(parts[0], parts[1], parts.length > 2 ? parts[2] : null, sql));
        }
        return parsed;
    }

    private void measure() throws Exception {
        server = BenchServer.startKeeping(directory, "--crm.rate-limits.enabled=false");
        AnalyticsData data = new AnalyticsData(server);
        if (!data.complete()) {
            throw new IllegalStateException("No complete data set in " + directory + ": generate it first");
        }
        data.enableTriggers();
        record("settling after the server's migrations (fold and vacuum)", String.format("%.0f s", data.settle()));
        Planned large = data.large();
        List<Caller> callers = callers(large);
        Map<Endpoint, List<Caller>> answering = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            for (Caller caller : callers) {
                if (warm(endpoint, caller)) {
                    answering.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(caller);
                } else if (results.containsKey(endpoint.name() + " (not built)")) {
                    break;
                }
            }
        }
        if (!answering.isEmpty()) {
            cold(answering, large);
        }
        server.close();
        print();
    }

    /** An admin, the manager of the first branch and a counselor of it, with the placeholders of their scope. */
    private List<Caller> callers(Planned large) throws SQLException {
        Org org = new Org(large.id(), large.slug(), null, null);
        String zone = single("select time_zone from organizations where id = '" + large.id() + "'");
        String branch = single("select branch_id::text from users where organization_id = '" + large.id()
                + "' and email = 'manager1@" + large.slug() + ".test'");
        String counselor = single("select id::text from users where organization_id = '" + large.id()
                + "' and email = 'counselor1@" + large.slug() + ".test'");
        String status = single("select id::text from lead_statuses where organization_id = '" + large.id()
                + "' and code = 'contacted'");
        LocalDate to = LocalDate.now(ZoneId.of(zone));
        LocalDate from = to.minusDays(RANGE_DAYS - 1);
        Map<String, String> common = new LinkedHashMap<>();
        common.put("org", large.id().toString());
        common.put("zone", zone);
        common.put("from", from.format(DateTimeFormatter.ISO_LOCAL_DATE));
        common.put("to", to.format(DateTimeFormatter.ISO_LOCAL_DATE));
        common.put("start", "'" + from.atStartOfDay(ZoneId.of(zone)).toOffsetDateTime() + "'::timestamptz");
        common.put("end", "'" + to.plusDays(1).atStartOfDay(ZoneId.of(zone)).toOffsetDateTime() + "'::timestamptz");
        common.put("branch", branch);
        common.put("counselor", counselor);
        common.put("status", status);
        String allUsers = "(select id from users where organization_id = '" + large.id() + "')";
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("admin", server.login(org, "admin@" + large.slug() + ".test"),
                scope(common, "true", allUsers)));
        callers.add(new Caller("manager", server.login(org, "manager1@" + large.slug() + ".test"),
                scope(common, "l.branch_id = '" + branch + "'", "(select id from users where organization_id = '"
                        + large.id() + "' and branch_id = '" + branch + "')")));
        callers.add(new Caller("counselor", server.login(org, "counselor1@" + large.slug() + ".test"),
                scope(common, "l.assigned_to = '" + counselor + "'", "('" + counselor + "'::uuid)")));
        return callers;
    }

    private static Map<String, String> scope(Map<String, String> common, String leads, String users) {
        Map<String, String> values = new LinkedHashMap<>(common);
        values.put("lead_scope", leads);
        values.put("users", users);
        return values;
    }

    private static String fill(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        String filled = text;
        for (Map.Entry<String, String> v : values.entrySet()) {
            filled = filled.replace("{" + v.getKey() + "}", v.getValue());
        }
        return filled;
    }

    private HttpRequest request(Endpoint endpoint, Caller caller) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.baseUrl
                + fill(endpoint.path(), caller.values()))).header("Authorization", "Bearer " + caller.token());
        if (endpoint.body() == null) {
            return builder.GET().build();
        }
        return builder.header("Content-Type", "application/json").method(endpoint.method(),
                HttpRequest.BodyPublishers.ofString(fill(endpoint.body(), caller.values()))).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Warm figures of the endpoint for the caller; false when it does not answer 200. */
    private boolean warm(Endpoint endpoint, Caller caller) throws Exception {
        String name = caller.role() + " " + endpoint.name();
        HttpRequest request = request(endpoint, caller);
        HttpResponse<String> first = send(request);
        if (first.statusCode() == 404 && caller.role().equals("admin")) {
            // not built yet: the plain SQL alone, for the admin's scope, as what an endpoint is to beat
            long[] plain = plain(endpoint, caller, 3);
            record(endpoint.name() + " (not built)", String.format("answers 404 | %s | 0/%d", Percentiles.of(plain),
                    plain.length));
            return false;
        }
        if (first.statusCode() != 200) {
            String body = first.body();
            record(name, "answers " + first.statusCode() + ": " + body.substring(0, Math.min(160, body.length())));
            return false;
        }
        for (int i = 0; i < 3; i++) {
            send(request);
        }
        long[] http = rounds(() -> expect200(send(request)));
        long[] plain = plain(endpoint, caller, PLAIN_ROUNDS);
        Percentiles api = Percentiles.of(http);
        Percentiles base = Percentiles.of(plain);
        record(name + " warm", String.format("%s | %s | %d/%d", api, base, http.length, plain.length));
        return true;
    }

    /** The endpoint's plain SQL for the caller's scope, timed on the table owner's connection. */
    private long[] plain(Endpoint endpoint, Caller caller, int most) throws Exception {
        String sql = fill(endpoint.sql(), caller.values());
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement()) {
            s.execute("set jit = off");
            return rounds(() -> consume(s, sql), most);
        }
    }

    private static void expect200(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode());
        }
    }

    private static void consume(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                r.getObject(1);
            }
        }
    }

    interface Round {
        void run() throws Exception;
    }

    /** Up to ROUNDS (or most) timings, fewer (but three at least, or most) when they would exceed the budget. */
    private static long[] rounds(Round round) throws Exception {
        return rounds(round, ROUNDS);
    }

    private static long[] rounds(Round round, int most) throws Exception {
        List<Long> times = new ArrayList<>();
        long spent = 0;
        while (times.size() < most && (times.size() < Math.min(3, most) || spent < BUDGET_SECONDS * 1e9)) {
            long start = System.nanoTime();
            round.run();
            long took = System.nanoTime() - start;
            times.add(took);
            spent += took;
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Cold figures: each round restarts the server (and its PostgreSQL, so its buffers are empty), drops the
     * operating system's page cache where allowed, then times the first request of every endpoint; the SQL is timed
     * after a restart of its own, so neither warms the other.
     */
    private void cold(Map<Endpoint, List<Caller>> answering, Planned large) throws Exception {
        Map<String, List<Long>> http = new LinkedHashMap<>();
        Map<String, List<Long>> plain = new LinkedHashMap<>();
        for (int round = 0; round < COLD_ROUNDS; round++) {
            restart();
            List<Caller> callers = callers(large);
            for (Map.Entry<Endpoint, List<Caller>> e : answering.entrySet()) {
                for (Caller caller : callers) {
                    if (e.getValue().stream().anyMatch(c -> c.role().equals(caller.role()))) {
                        HttpRequest request = request(e.getKey(), caller);
                        long start = System.nanoTime();
                        expect200(send(request));
                        http.computeIfAbsent(caller.role() + " " + e.getKey().name(), k -> new ArrayList<>())
                                .add(System.nanoTime() - start);
                    }
                }
            }
            restart();
            try (Connection c = server.owner.getConnection(); Statement s = c.createStatement()) {
                s.execute("set jit = off");
                for (Map.Entry<Endpoint, List<Caller>> e : answering.entrySet()) {
                    for (Caller caller : e.getValue()) {
                        long start = System.nanoTime();
                        consume(s, fill(e.getKey().sql(), caller.values()));
                        plain.computeIfAbsent(caller.role() + " " + e.getKey().name(), k -> new ArrayList<>())
                                .add(System.nanoTime() - start);
                    }
                }
            }
        }
        http.forEach((name, times) -> record(name + " cold", String.format("%s | %s | %d/%d",
                Percentiles.of(times.stream().mapToLong(Long::longValue).toArray()),
                Percentiles.of(plain.getOrDefault(name, List.of()).stream().mapToLong(Long::longValue).toArray()),
                times.size(), plain.getOrDefault(name, List.of()).size())));
    }

    private void restart() throws Exception {
        server.close();
        boolean dropped = dropPageCache();
        server = BenchServer.startKeeping(directory, "--crm.rate-limits.enabled=false");
        results.putIfAbsent("page cache dropped before cold rounds", dropped ? "yes" : "no (not allowed)");
    }

    private static boolean dropPageCache() {
        try {
            new ProcessBuilder("sync").start().waitFor();
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "1");
            return true;
        } catch (IOException | InterruptedException | SecurityException e) {
            return false;
        }
    }

    private String single(String sql) throws SQLException {
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    /** Keeps the figure for the table at the end, and prints it at once so that a cut-short run still tells. */
    private void record(String name, String value) {
        results.put(name, value);
        System.out.println(name + ": " + value);
    }

    private void print() {
        System.out.println();
        System.out.println("| caller, endpoint | endpoint p50 / p95 / p99 ms | plain SQL p50 / p95 / p99 ms | rounds |");
        System.out.println("|---|---|---|---|");
        results.forEach((name, value) -> System.out.println("| " + name + " | " + value + " |"));
    }
}
