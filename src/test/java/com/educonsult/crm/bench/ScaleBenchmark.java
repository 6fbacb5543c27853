package com.educonsult.crm.bench;

import com.educonsult.crm.bench.BenchServer.Org;
import com.educonsult.crm.bench.BenchServer.Percentiles;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.LeadVolumes;
import com.educonsult.crm.support.StatementCapture;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Not a test: the lead lists, searches, filters and counts at a consultancy's largest size (default 1,000,000 leads in
 * one organization, beside 50 organizations of 2,000), each beside its baseline in the same run: the same SQL the
 * server ran, timed on the table owner's connection (no row-level security); phone lookup and {@code /auth/me}
 * throughput beside {@code pgbench -S} on the same PostgreSQL; lead creation beside a plain insert. Run by
 * {@code bench/scale.sh}; prints the results.
 */
public final class ScaleBenchmark {

    private static final int SMALL_ORGANIZATIONS = Integer.getInteger("bench.small-organizations", 50);
    private static final int SMALL_LEADS = 2_000;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 40);
    private static final int THROUGHPUT_SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final HttpClient PAGES = HttpClient.newHttpClient();

    private final BenchServer server;
    private final ApiTest.Api api;
    private final DSLContext db;
    private final Tenancy tenancy;
    private final Map<String, String> results = new LinkedHashMap<>();

    private ScaleBenchmark(BenchServer server) {
        this.server = server;
        this.api = server.api;
        this.db = server.db;
        this.tenancy = server.tenancy;
    }

    /** Arguments: the large organization's leads (1,000,000), then the parts to run (all by default). */
    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Set<String> parts = Set.of((args.length > 1 ? args[1] : "lists,throughput,creation,pages").split(","));
        try (BenchServer server = BenchServer.start("--crm.rate-limits.enabled=false")) {
            new ScaleBenchmark(server).run(leads, parts);
        }
        System.exit(0);
    }

    private void run(int leads, Set<String> parts) throws Exception {
        Org big = seed(leads);
        UUID branch = tenancy.callAs(big.id(), () -> db.fetchSingle(
                "select id from branches order by created_at limit 1").get(0, UUID.class));
        UUID counselorId = user(big, "counselor", null, "counselor");
        user(big, "manager", branch, "manager");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("admin", server.login(big, BenchServer.email(big, "admin")));
        tokens.put("manager", server.login(big, BenchServer.email(big, "manager")));
        tokens.put("counselor", server.login(big, BenchServer.email(big, "counselor")));
        String leadId = tenancy.callAs(big.id(), () -> db.fetchSingle(
                "select id from leads where assigned_to = ? and deleted_at is null order by created_at desc limit 1",
                counselorId)
                .get(0, UUID.class)).toString();

        if (parts.contains("lists")) {
            for (Map.Entry<String, String> role : tokens.entrySet()) {
                for (String path : lists(branch, counselorId, leadId)) {
                    measureList(big, role.getKey(), role.getValue(), path);
                }
            }
        }
        if (parts.contains("pages")) {
            for (Map.Entry<String, String> role : tokens.entrySet()) {
                pages(role.getKey(), role.getValue(), leadId);
            }
        }
        if (parts.contains("throughput")) {
            throughput(big, tokens.get("admin"));
        }
        if (parts.contains("creation")) {
            creation(big, tokens.get("admin"));
        }
        print();
    }

    /** The lists, searches, filters and counts of the canonical API (the same set as the plan test's). */
    private static List<String> lists(UUID branch, UUID counselor, String lead) {
        List<String> paths = new ArrayList<>();
        for (String query : List.of("", "?search=kurian", "?search=aarav%20kurian12", "?search=kuri",
                "?search=98001234", "?search=student12@", "?status=contacted", "?source=website",
                "?platform=facebook", "?priority=hot", "?engagement=hot", "?assigned_to=me",
                "?assigned_to=unassigned", "?assigned_to=" + counselor, "?branch_id=" + branch, "?tags=vip",
                "?tags=ielts", "?created_from=2025-01-01&created_to=2025-03-31", "?not_contacted=true",
                "?offset=100000", "?search=kurian&status=new")) {
            paths.add("/api/v1/leads" + query);
        }
        paths.addAll(List.of("/api/v1/leads/counts", "/api/v1/leads/tags", "/api/v1/pipeline/summary",
                "/api/v1/leads/" + lead + "/timeline", "/api/v1/activities", "/api/v1/tasks", "/api/v1/calls"));
        return paths;
    }

    /** p50/p95/p99 of the request over HTTP, and of the statements it ran, on the owner's connection. */
    private void measureList(Org org, String role, String token, String path) throws Exception {
        int status = api.get(path, token).status();
        if (status != 200) {
            record(role + " GET " + path.replace("/api/v1", ""), "answers " + status + " (outside the role's scope)");
            return;
        }
        for (int i = 0; i < 3; i++) {
            api.get(path, token).expect(200);
        }
        List<String> statements = StatementCapture.selects(db, sql -> true, () -> api.get(path, token).expect(200));
        long[] overHttp = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            api.get(path, token).expect(200);
            overHttp[i] = System.nanoTime() - start;
        }
        long[] direct = new long[ROUNDS];
        try (Connection connection = server.owner.getConnection(); Statement statement = connection.createStatement()) {
            // the search function reads the organization from the setting, as under the application
            statement.execute("select set_config('app.organization_id', '" + org.id() + "', false)");
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                for (String sql : statements) {
                    statement.execute(sql);
                }
                direct[i] = System.nanoTime() - start;
            }
            statement.execute("reset app.organization_id");
        }
        Percentiles http = Percentiles.of(overHttp);
        Percentiles sql = Percentiles.of(direct);
        record(role + " GET " + path.replace("/api/v1", ""), String.format("%s | %s | %.1fx", http, sql,
                http.p95() / Math.max(0.01, sql.p95())));
    }

    /** The console's full pages (and the dashboard's body, loaded after its frame) as a signed-in browser asks. */
    private static List<String> pagesOf(String lead) {
        return List.of("/", "/dashboard/body", "/leads", "/leads?search=kurian", "/leads?status=contacted",
                "/leads?search=98001234", "/leads/" + lead, "/board", "/follow-ups", "/calls",
                "/search/suggest?q=kurian", "/leads/import", "/settings");
    }

    /**
     * p50/p95/p99 of each console page's whole answer (server time plus a loopback hop), beside {@code /auth/me}, the
     * cheapest authenticated request, timed the same way in the same run.
     */
    private void pages(String role, String token, String lead) throws Exception {
        Percentiles floor = timed(api.builder("/api/v1/auth/me", token));
        for (String path : pagesOf(lead)) {
            HttpRequest.Builder request = api.builder(path, null).header("Cookie", "crm_session=" + token);
            int status = PAGES.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                record(role + " page " + path, "answers " + status);
                continue;
            }
            Percentiles page = timed(request);
            record(role + " page " + path, String.format("%s | %s | %.1fx", page, floor,
                    page.p95() / Math.max(0.01, floor.p95())));
        }
    }

    private Percentiles timed(HttpRequest.Builder builder) throws Exception {
        HttpRequest request = builder.build();
        for (int i = 0; i < 3; i++) {
            PAGES.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        long[] times = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> answer = PAGES.send(request, HttpResponse.BodyHandlers.ofByteArray());
            times[i] = System.nanoTime() - start;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + answer.statusCode());
            }
        }
        return Percentiles.of(times);
    }

    /** Requests/s at 8 connections for the phone lookup and /auth/me, beside pgbench -S on the same server. */
    private void throughput(Org org, String token) throws Exception {
        List<String> phones = tenancy.callAs(org.id(), () -> db.fetch(
                "select phone from leads where deleted_at is null order by random() limit 2000").getValues(0, String.class));
        double lookups = rate(8, n -> "/api/v1/leads/by-phone/" + "0" + phones.get(n % phones.size()).substring(3),
                token);
        double me = rate(8, n -> "/api/v1/auth/me", token);
        record("by-phone req/s at 8 connections", String.format("%.0f", lookups));
        record("/auth/me req/s at 8 connections", String.format("%.0f", me));
        Double pgbench = pgbenchSelectOnly();
        record("pgbench -S tps at 8 connections", pgbench == null ? "pgbench not found" : String.format("%.0f",
                pgbench));
        if (pgbench != null) {
            record("by-phone / pgbench -S", String.format("%.1f %%", 100 * lookups / pgbench));
        }
    }

    private double rate(int connections, IntFunction<String> path, String token) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + THROUGHPUT_SECONDS * 1_000_000_000L;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int offset = c * 7919;
                clients.add(pool.submit(() -> {
                    int n = offset;
                    while (System.nanoTime() < end) {
                        api.get(path.apply(n++), token).expect(200);
                        done.incrementAndGet();
                    }
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        }
        return done.get() / (double) THROUGHPUT_SECONDS;
    }

    private Double pgbenchSelectOnly() throws Exception {
        String pgbench = List.of("/usr/lib/postgresql/17/bin/pgbench", "/usr/lib/postgresql/16/bin/pgbench",
                "/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench").stream()
                .filter(p -> new java.io.File(p).canExecute()).findFirst().orElse(null);
        if (pgbench == null) {
            return null;
        }
        String port = String.valueOf(server.databasePort());
        try (Connection connection = server.owner.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists pgbench");
            statement.execute("create database pgbench");
        }
        exec(pgbench, "-i", "-q", "-s", "10", "-h", "localhost", "-p", port, "-U", "postgres", "pgbench");
        String out = exec(pgbench, "-S", "-c", "8", "-j", "2", "-T", String.valueOf(THROUGHPUT_SECONDS), "-h",
                "localhost", "-p", port, "-U", "postgres", "pgbench");
        Matcher tps = TPS.matcher(out);
        return tps.find() ? Double.parseDouble(tps.group(1)) : null;
    }

    private static String exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    /** Leads created per second over HTTP at 8 and 32 connections, beside a plain insert at the same concurrency. */
    private void creation(Org org, String token) throws Exception {
        LeadCreations creations = new LeadCreations(server);
        for (int connections : new int[] {8, 32}) {
            double http = creations.overHttp(org, token, connections, THROUGHPUT_SECONDS).perSecond();
            double plain = creations.plainInserts(org, connections, THROUGHPUT_SECONDS).perSecond();
            record("lead creation/s at " + connections + " connections | plain insert/s",
                    String.format("%.0f | %.0f", http, plain));
        }
    }

    /** The large organization (branch, leads) and the small ones beside it; statistics as autovacuum leaves them. */
    private Org seed(int leads) throws Exception {
        LeadVolumes volumes = new LeadVolumes(db, tenancy);
        long start = System.nanoTime();
        for (int i = 0; i < SMALL_ORGANIZATIONS; i++) {
            Org small = server.register("small" + i);
            volumes.generate(small.id(), small.adminId(), null, null, SMALL_LEADS, "s" + i + "-");
        }
        Org big = server.register("big");
        UUID branch = UUID.fromString(api.post("/api/v1/branches", big.adminToken(), Map.of("name", "Kochi"))
                .expect(201).data().get("id").asString());
        UUID counselor = UUID.randomUUID();
        server.insertUser(big, counselor, "counselor", null, "counselor", null);
        volumes.generate(big.id(), big.adminId(), branch, counselor, leads, "b-");
        double seconds = (System.nanoTime() - start) / 1e9;
        server.vacuumAnalyze();
        record("seeded leads (with stages, activities, tasks, calls)", String.format("%d in %.0f s",
                leads + SMALL_ORGANIZATIONS * SMALL_LEADS, seconds));
        return big;
    }

    /** The user with that email name, made if missing. */
    private UUID user(Org org, String role, UUID branch, String name) {
        UUID existing = tenancy.callAs(org.id(), () -> {
            var row = db.fetchOne("select id from users where email = ?", BenchServer.email(org, name));
            return row == null ? null : row.get(0, UUID.class);
        });
        if (existing != null) {
            return existing;
        }
        UUID id = UUID.randomUUID();
        server.insertUser(org, id, role, branch, name, null);
        return id;
    }

    /** Keeps the figure for the table at the end, and prints it at once so that a cut-short run still tells. */
    private void record(String name, String value) {
        results.put(name, value);
        System.out.println(name + ": " + value);
    }

    private void print() {
        System.out.println();
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        results.forEach((name, value) -> System.out.println("| " + name + " | " + value + " |"));
    }
}
