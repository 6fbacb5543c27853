package com.educonsult.crm.bench;

import static com.educonsult.crm.bench.BenchServer.check;
import static com.educonsult.crm.bench.BenchServer.timed;

import com.educonsult.crm.bench.BenchServer.Org;
import com.educonsult.crm.bench.BenchServer.Percentiles;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.support.ApiTest;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.jdbc.datasource.DataSourceUtils;
import tools.jackson.databind.JsonNode;

/**
 * Not a test: measures call sync end to end against a plain batched insert of the same rows in the same run,
 * and the phone lookup at a large lead count. Run by bench/run.sh; prints the results.
 */
public final class CallSyncBenchmark {

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
    private static final int DEVICES = Integer.getInteger("bench.devices", 50);
    private static final int CALLS_PER_DEVICE = Integer.getInteger("bench.calls-per-device", 2_000);
    private static final int BATCH = 500;
    private static final int SYNC_LEADS = 20_000;
    private static final int WARM_UP_CALLS_PER_DEVICE = 1_000;
    private static final int LOOKUPS = 2_000;
    private static final int LOOKUP_WARM_UP = 5_000;
    private static final String[] TYPES = {"incoming", "outgoing", "missed", "rejected"};

    private final BenchServer server;
    private final ApiTest.Api api;
    private final DSLContext db;
    private final Tenancy tenancy;
    private final DataSource dataSource;

    private CallSyncBenchmark(BenchServer server) {
        this.server = server;
        this.api = server.api;
        this.db = server.db;
        this.tenancy = server.tenancy;
        this.dataSource = server.application;
    }

    public static void main(String[] args) throws Exception {
        int lookupLeads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (BenchServer server = BenchServer.start()) {
            new CallSyncBenchmark(server).run(lookupLeads);
        }
        System.exit(0);
    }

    private record Device(UUID userId, String token) {
    }

    private record Call(String deviceCallId, String phone, boolean matches, String type, int duration, long at,
            int simSlot) {
    }

    private void run(int lookupLeads) throws Exception {
        Map<String, String> results = new java.util.LinkedHashMap<>();

        // warm-up: a server in service has compiled its hot code; without this the first run measures the JIT
        Org warmOrg = server.register("bench-warm");
        seedLeads(warmOrg.id(), SYNC_LEADS);
        server.vacuumAnalyze();
        List<Device> warmDevices = devices(warmOrg);
        List<List<Call>> warmCalls = generateCalls(new Random(41), WARM_UP_CALLS_PER_DEVICE);
        List<List<String>> warmBodies = requestBodies(warmCalls);
        double warmSeconds = timed(() -> sendAll(warmDevices, warmCalls, warmBodies, new AtomicLong(),
                new AtomicLong(), new java.util.concurrent.ConcurrentHashMap<>()));
        Org warmPlainOrg = server.register("bench-warm-plain");
        List<UUID> warmPlainUsers = agents(warmPlainOrg);
        insertAll(warmPlainOrg.id(), warmPlainUsers, warmCalls);
        results.put("warm-up sync calls/s", String.format("%.0f", DEVICES * WARM_UP_CALLS_PER_DEVICE / warmSeconds));

        // call sync, end to end
        Org syncOrg = server.register("bench-sync");
        seedLeads(syncOrg.id(), SYNC_LEADS);
        server.vacuumAnalyze();
        List<Device> devices = devices(syncOrg);
        List<List<Call>> calls = generateCalls(new Random(42), CALLS_PER_DEVICE);
        AtomicLong stored = new AtomicLong();
        AtomicLong matchedStored = new AtomicLong();
        Map<Integer, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
        List<List<String>> bodies = requestBodies(calls);
        double syncSeconds = timed(() -> sendAll(devices, calls, bodies, stored, matchedStored, failures));
        long total = (long) DEVICES * CALLS_PER_DEVICE;
        double syncRate = stored.get() / syncSeconds;
        long storedRows = server.count(syncOrg, "select count(*) from call_logs where organization_id = ?");
        long leadCalls = server.count(syncOrg, "select coalesce(sum(total_calls), 0) from leads where organization_id = ?");
        check(storedRows == stored.get(), "stored calls " + storedRows + " != created " + stored.get());
        check(leadCalls == matchedStored.get(),
                "sum of leads' total_calls " + leadCalls + " != matched calls " + matchedStored.get());

        // baseline: the same rows by a plain batched insert, in another organization so nothing conflicts
        Org plainOrg = server.register("bench-plain");
        List<UUID> plainUsers = agents(plainOrg);
        double plainSeconds = timed(() -> insertAll(plainOrg.id(), plainUsers, calls));
        double plainRate = total / plainSeconds;
        long plainStored = server.count(plainOrg, "select count(*) from call_logs where organization_id = ?");
        check(plainStored == total, "plain insert stored " + plainStored + " != " + total);

        results.put("calls sent", String.valueOf(total));
        results.put("calls stored (count(*))", String.valueOf(storedRows));
        results.put("failed batches by status", failures.toString());
        results.put("stored calls matching a lead", matchedStored.get() + " (= sum of total_calls)");
        results.put("sync wall time (s)", String.format("%.2f", syncSeconds));
        results.put("sync calls/s end to end", String.format("%.0f", syncRate));
        results.put("plain insert wall time (s)", String.format("%.2f", plainSeconds));
        results.put("plain insert calls/s", String.format("%.0f", plainRate));
        results.put("plain / sync", String.format("%.2fx", plainRate / syncRate));
        print(results);
        if (lookupLeads == 0) {
            return;
        }

        // phone lookup at a large lead count
        Org lookupOrg = server.register("bench-lookup");
        double seedSeconds = timed(() -> seedLeads(lookupOrg.id(), lookupLeads));
        results.put("lookup leads", String.valueOf(lookupLeads));
        results.put("lookup seed time (s)", String.format("%.1f", seedSeconds));
        server.vacuumAnalyze();
        Random random = new Random(7);
        for (int i = 0; i < LOOKUP_WARM_UP; i++) { // not measured
            lookup(lookupOrg, random.nextInt(lookupLeads), i, i % 2 == 0);
            me(lookupOrg);
        }
        long[] canonical = new long[LOOKUPS];
        long[] app = new long[LOOKUPS];
        long[] me = new long[LOOKUPS];
        for (int i = 0; i < LOOKUPS; i++) {
            canonical[i] = lookup(lookupOrg, random.nextInt(lookupLeads), i, false);
            app[i] = lookup(lookupOrg, random.nextInt(lookupLeads), i, true);
            me[i] = me(lookupOrg);
        }
        putPercentiles(results, "POST /lead/getByNumber", app);
        putPercentiles(results, "GET /leads/by-phone/{phone}", canonical);
        // the same client, credential check and envelope around no lead query: what the lookup costs beyond them
        putPercentiles(results, "GET /auth/me", me);
        print(results);
    }

    private List<Device> devices(Org org) {
        List<Device> devices = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            devices.add(login(org, agent(org, d)));
        }
        return devices;
    }

    private List<UUID> agents(Org org) {
        List<UUID> users = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            users.add(agent(org, d));
        }
        return users;
    }

    private static void putPercentiles(Map<String, String> results, String name, long[] nanos) {
        Percentiles taken = Percentiles.of(nanos);
        results.put(name + " p50 / p95 / p99 (ms)", String.format("%.2f / %.2f / %.2f", taken.p50(), taken.p95(),
                taken.p99()));
    }

    private UUID agent(Org org, int n) {
        UUID userId = UUID.randomUUID();
        server.insertUser(org, userId, "agent", null, "agent" + n, String.valueOf(n));
        return userId;
    }

    private Device login(Org org, UUID userId) {
        String email = tenancy.callAs(org.id(), () -> db.fetchValue(
                "select email from users where organization_id = ? and id = ?", org.id(), userId).toString());
        return new Device(userId, server.login(org, email));
    }

    /** Leads with phones +9198 followed by the lead's number in 8 digits, in one statement. */
    private void seedLeads(UUID organizationId, int count) {
        tenancy.runAs(organizationId, () -> db.execute("""
                insert into leads (organization_id, status_id, first_name, last_name, phone, platform)
                select ?, (select id from lead_statuses where organization_id = ? and is_default),
                       'Lead', 'No ' || n, '+9198' || lpad(n::text, 8, '0'), 'import'
                from generate_series(0, ? - 1) as n""", organizationId, organizationId, count));
    }

    /** Per device: half the calls with numbers of seeded leads, half with numbers no lead has, in mixed formats. */
    private static List<List<Call>> generateCalls(Random random, int callsPerDevice) {
        List<List<Call>> all = new ArrayList<>();
        long start = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
        for (int d = 0; d < DEVICES; d++) {
            List<Call> calls = new ArrayList<>();
            for (int c = 0; c < callsPerDevice; c++) {
                boolean matches = random.nextBoolean();
                String digits = (matches ? "98" : "97") + String.format("%08d", random.nextInt(SYNC_LEADS));
                calls.add(new Call("dev" + d + "-call" + c, format(digits, random.nextInt(4)), matches,
                        TYPES[random.nextInt(TYPES.length)], random.nextInt(4) == 0 ? 0 : random.nextInt(600),
                        start + (long) c * 60_000 + d, 1 + random.nextInt(2)));
            }
            all.add(calls);
        }
        return all;
    }

    private static String format(String tenDigits, int style) {
        return switch (style) {
            case 0 -> "+91" + tenDigits;
            case 1 -> "0" + tenDigits;
            case 2 -> tenDigits.substring(0, 5) + " " + tenDigits.substring(5);
            default -> "+91-" + tenDigits.substring(0, 5) + "-" + tenDigits.substring(5);
        };
    }

    /**
     * Each device's request bodies, batch by batch. They are written before the clock starts: on a real phone that
     * is the phone's work, not the server's.
     */
    private static List<List<String>> requestBodies(List<List<Call>> calls) {
        List<List<String>> bodies = new ArrayList<>();
        for (List<Call> deviceCalls : calls) {
            List<String> deviceBodies = new ArrayList<>();
            for (int from = 0; from < deviceCalls.size(); from += BATCH) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (Call call : deviceCalls.subList(from, from + BATCH)) {
                    items.add(Map.of("device_call_id", call.deviceCallId(), "phone_number", call.phone(),
                            "call_type", call.type(), "duration", call.duration(), "timestamp", call.at(),
                            "sim_slot", call.simSlot()));
                }
                deviceBodies.add(JSON.writeValueAsString(Map.of("call_logs", items)));
            }
            bodies.add(deviceBodies);
        }
        return bodies;
    }

    /** Failed batches (the server answering other than 200) are counted by status, not retried. */
    private void sendAll(List<Device> devices, List<List<Call>> calls, List<List<String>> bodies, AtomicLong stored,
            AtomicLong matched, Map<Integer, Integer> failures) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                Device device = devices.get(d);
                List<Call> deviceCalls = calls.get(d);
                List<String> deviceBodies = bodies.get(d);
                futures.add(executor.submit(() -> {
                    for (int b = 0; b < deviceBodies.size(); b++) {
                        ApiTest.Response response = api.send(api.builder("/api/v1/calls/sync", device.token())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(deviceBodies.get(b))));
                        if (response.status() != 200) {
                            failures.merge(response.status(), 1, Integer::sum);
                            continue;
                        }
                        check(response.data().get("created").asInt() == BATCH,
                                "batch not fully created: " + response.data().get("created"));
                        stored.addAndGet(BATCH);
                        matched.addAndGet(deviceCalls.subList(b * BATCH, (b + 1) * BATCH).stream()
                                .filter(Call::matches).count());
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    /** The same rows as plain INSERT ... ON CONFLICT DO NOTHING in batches, one thread per device. */
    private void insertAll(UUID organizationId, List<UUID> users, List<List<Call>> calls) throws Exception {
        String sql = "insert into call_logs (organization_id, user_id, device_call_id, phone_number, phone_e164, "
                + "call_type, duration_seconds, called_at, sim_slot) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict do nothing";
        try (ExecutorService executor = Executors.newFixedThreadPool(DEVICES)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                UUID userId = users.get(d);
                List<Call> deviceCalls = calls.get(d);
                futures.add(executor.submit(() -> {
                    for (int from = 0; from < deviceCalls.size(); from += BATCH) {
                        List<Call> batch = deviceCalls.subList(from, from + BATCH);
                        tenancy.runAs(organizationId, () -> {
                            Connection connection = DataSourceUtils.getConnection(dataSource);
                            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                                for (Call call : batch) {
                                    insert.setObject(1, organizationId);
                                    insert.setObject(2, userId);
                                    insert.setString(3, call.deviceCallId());
                                    insert.setString(4, call.phone());
                                    insert.setString(5, "+91" + call.phone().replaceAll("\\D", "")
                                            .replaceFirst("^(91|0)(?=\\d{10}$)", ""));
                                    insert.setString(6, call.type());
                                    insert.setInt(7, call.duration());
                                    insert.setTimestamp(8, new Timestamp(call.at()));
                                    insert.setInt(9, call.simSlot());
                                    insert.addBatch();
                                }
                                insert.executeBatch();
                            } catch (java.sql.SQLException e) {
                                throw new IllegalStateException(e);
                            } finally {
                                DataSourceUtils.releaseConnection(connection, dataSource);
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    /** One lookup by the app's route or the canonical one, of a number written one of three ways; nanoseconds. */
    private long lookup(Org org, int lead, int style, boolean appRoute) {
        String digits = "98" + String.format("%08d", lead);
        String phone = switch (style % 3) {
            case 0 -> "0" + digits;
            case 1 -> digits.substring(0, 5) + " " + digits.substring(5);
            default -> "+91-" + digits;
        };
        HttpRequest.Builder request = appRoute
                ? api.builder("/api/v1/lead/getByNumber", org.adminToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}"))
                : api.builder("/api/v1/leads/by-phone/" + java.net.URLEncoder.encode(phone,
                        java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"), org.adminToken()).GET();
        long started = System.nanoTime();
        ApiTest.Response response = api.send(request);
        long elapsed = System.nanoTime() - started;
        response.expect(200);
        JsonNode data = response.data();
        String found = appRoute ? data.get("number").asString() : data.get(0).get("phone").asString();
        check((appRoute || data.size() == 1) && found.equals("+91" + digits), "lookup of " + phone + " found " + data);
        return elapsed;
    }

    private long me(Org org) {
        HttpRequest.Builder request = api.builder("/api/v1/auth/me", org.adminToken()).GET();
        long started = System.nanoTime();
        api.send(request).expect(200);
        return System.nanoTime() - started;
    }

    private static void print(Map<String, String> results) {
        System.out.println("---- results " + LocalDate.now() + " ----");
        results.forEach((k, v) -> System.out.printf("%-30s %s%n", k, v));
    }
}
