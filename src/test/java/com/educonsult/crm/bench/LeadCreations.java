package com.educonsult.crm.bench;

import com.educonsult.crm.bench.BenchServer.Org;
import com.educonsult.crm.bench.BenchServer.Percentiles;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Leads created over HTTP ({@code POST /api/v1/leads}) by concurrent clients for a while, and the same rows written
 * by a plain {@code INSERT} into {@code leads} as the application role at the same concurrency. Each run gives the
 * rate, the latencies and the CPU time per lead of the server (the JVM less the benchmark's client threads) and of
 * PostgreSQL (the postmaster and its backends).
 */
final class LeadCreations {

    private static final String CLIENT_THREADS = "bench-client-";
    /** The user agent of the audit entries that the replay of a creation's statements writes. */
    static final String REPLAY_AGENT = "bench-replay";
    private static final String[] CITIES = {"Kochi", "Pune", "Delhi", "Chennai", "Jaipur", "Mumbai"};
    private static final String[] SOURCES = {"website", "facebook_ads", "walk_in", "referral"};
    private static final String[] COURSES = {"MSc Data Science", "MBA", "BEng Mechanical", "LLM"};
    private static final String[] COUNTRIES = {"Canada", "United Kingdom", "Australia", "Germany"};

    /** The leading digit of each run's phones (after +91 9): a run's phones are distinct from every other's. */
    private final AtomicInteger series = new AtomicInteger(0);
    private final BenchServer server;
    private final HttpClient http;
    private final String postmaster;

    LeadCreations(BenchServer server) throws Exception {
        this.server = server;
        this.postmaster = CpuTimes.postmasterOf(server);
        ThreadFactory named = Thread.ofPlatform().name(CLIENT_THREADS + "http-", 0).daemon().factory();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4, named)).build();
    }

    /** A run's figures: what was done in how long, its latencies and CPU time per item. */
    record Figures(long done, long failed, double seconds, Percentiles latency, double serverCpuMs,
            double compilationMs, double databaseCpuMs) {
        double perSecond() {
            return done / seconds;
        }

        @Override
        public String toString() {
            return String.format("%.0f/s (%d in %.1f s, %d failed), p50 / p95 / p99 %s ms, CPU per lead: server "
                    + "%.2f ms (of which the JIT compiler %.2f ms), PostgreSQL %.2f ms", perSecond(), done, seconds,
                    failed, latency, serverCpuMs, compilationMs, databaseCpuMs);
        }
    }

    /** A realistic lead of the form, with a phone and an email no other run uses. */
    static String body(String phone, int n) {
        return """
                {"first_name":"Aarav","last_name":"Kurian %d","phone":"%s","email":"lead%s@mail.example",\
                "city":"%s","source":"%s","platform":"website","priority":"warm","tags":["ielts"],\
                "interested_courses":["%s"],"preferred_countries":["%s"],"budget_min":1500000,\
                "budget_max":2500000,"budget_currency":"INR","intake_preference":"September 2027"}"""
                .formatted(n, phone, phone.substring(1), CITIES[n % CITIES.length], SOURCES[n % SOURCES.length],
                        COURSES[n % COURSES.length], COUNTRIES[n % COUNTRIES.length]);
    }

    /** Leads created over HTTP by {@code connections} clients, each sending one after the other. */
    Figures overHttp(Org org, String token, int connections, double seconds) throws Exception {
        return overHttp(org, token, connections, seconds, Integer.MAX_VALUE);
    }

    /** The same, stopping at {@code leads} leads if that comes first. */
    Figures overHttp(Org org, String token, int connections, double seconds, int leads) throws Exception {
        String prefix = nextSeries();
        AtomicInteger started = new AtomicInteger();
        URI uri = URI.create(server.baseUrl + "/api/v1/leads");
        return run(connections, seconds, client -> {
            if (started.incrementAndGet() > leads) {
                return Step.DONE;
            }
            int n = client.next();
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(phone(prefix, client.index(), n), n))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 201 ? Step.SENT : Step.FAILED;
        });
    }

    /**
     * The same rows by a plain insert, one transaction each (the tenant setting, the insert, commit), on
     * {@code connections} connections of the application role of their own (not the server's pool).
     */
    Figures plainInserts(Org org, int connections, double seconds) throws Exception {
        String prefix = nextSeries();
        UUID status = server.tenancy.callAs(org.id(), () -> server.db.fetchSingle(
                "select id from lead_statuses where is_default").get(0, UUID.class));
        HikariDataSource pool = server.context.getBean(HikariDataSource.class);
        List<Connection> opened = new ArrayList<>();
        ThreadLocal<PreparedStatement[]> statements = ThreadLocal.withInitial(() -> {
            try {
                Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
                        pool.getPassword());
                connection.setAutoCommit(false);
                synchronized (opened) {
                    opened.add(connection);
                }
                return new PreparedStatement[] {
                    connection.prepareStatement("select set_config('app.organization_id', ?, true)"),
                    connection.prepareStatement("""
                            insert into leads (organization_id, status_id, first_name, last_name, phone, email, city,
                                               source, platform, priority, tags, interested_courses,
                                               preferred_countries, budget_min, budget_max, budget_currency,
                                               intake_preference)
                            values (?, ?, 'Aarav', ?, ?, ?, ?, ?, 'website', 'warm', '{ielts}', array[?], array[?],
                                    1500000, 2500000, 'INR', 'September 2027')""")};
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return run(connections, seconds, client -> {
                int n = client.next();
                String phone = phone(prefix, client.index(), n);
                PreparedStatement[] statement = statements.get();
                statement[0].setString(1, org.id().toString());
                statement[0].execute();
                PreparedStatement insert = statement[1];
                insert.setObject(1, org.id());
                insert.setObject(2, status);
                insert.setString(3, "Kurian " + n);
                insert.setString(4, phone);
                insert.setString(5, "lead" + phone.substring(1) + "@mail.example");
                insert.setString(6, CITIES[n % CITIES.length]);
                insert.setString(7, SOURCES[n % SOURCES.length]);
                insert.setString(8, COURSES[n % COURSES.length]);
                insert.setString(9, COUNTRIES[n % COUNTRIES.length]);
                insert.executeUpdate();
                insert.getConnection().commit();
                return Step.SENT;
            });
        } finally {
            for (Connection connection : opened) {
                connection.close();
            }
        }
    }

    /**
     * What a creation asks of PostgreSQL, without the server: the same statements over JDBC, one transaction per lead
     * (the tenant, the duplicate probe, the lead's insert returning the row, its first stage, the read of the lead for
     * the live event, the audit entry with the lead's view, the notification), on connections of the application
     * role of their own. The notification goes to a channel no server listens on.
     */
    Figures creationStatements(Org org, int connections, double seconds) throws Exception {
        String prefix = nextSeries();
        UUID status = server.tenancy.callAs(org.id(), () -> server.db.fetchSingle(
                "select id from lead_statuses where is_default").get(0, UUID.class));
        HikariDataSource pool = server.context.getBean(HikariDataSource.class);
        List<Connection> opened = new ArrayList<>();
        ThreadLocal<Connection> connection = ThreadLocal.withInitial(() -> {
            try {
                Connection opening = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
                        pool.getPassword());
                opening.setAutoCommit(false);
                synchronized (opened) {
                    opened.add(opening);
                }
                return opening;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return run(connections, seconds, client -> {
                int n = client.next();
                createBySql(connection.get(), org, status, phone(prefix, client.index(), n), n);
                return Step.SENT;
            });
        } finally {
            for (Connection open : opened) {
                open.close();
            }
        }
    }

    private static void createBySql(Connection connection, Org org, UUID status, String phone, int n)
            throws java.sql.SQLException {
        String email = "lead" + phone.substring(1) + "@mail.example";
        try (PreparedStatement tenant = connection.prepareStatement("select set_config('app.organization_id', ?, true)");
                PreparedStatement probe = connection.prepareStatement("""
                        (select 'phone', id from leads where organization_id = ? and deleted_at is null
                           and (phone = ? or secondary_phone = ?) order by created_at, id limit 1)
                        union all
                        (select 'email', id from leads where organization_id = ? and deleted_at is null and email = ?
                         order by created_at, id limit 1)""");
                PreparedStatement lead = connection.prepareStatement("""
                        insert into leads (organization_id, status_id, created_by, first_name, last_name, phone, email,
                                           city, source, platform, priority, tags, interested_courses,
                                           preferred_countries, budget_min, budget_max, budget_currency,
                                           intake_preference, custom_fields, status_entered_at)
                        values (?, ?, ?, 'Aarav', ?, ?, ?, ?, ?, 'website', 'warm', '{ielts}', array[?], array[?],
                                1500000, 2500000, 'INR', 'September 2027', '{}', now())
                        returning *""");
                PreparedStatement stage = connection.prepareStatement("""
                        insert into lead_stages (organization_id, lead_id, status_id, entered_at, changed_by, notes)
                        values (?, ?, ?, now(), ?, 'Lead created')""");
                PreparedStatement summary = connection.prepareStatement("""
                        select id, organization_id, first_name, last_name, phone, email, assigned_to, branch_id,
                               status_id, next_follow_up_date
                        from leads where organization_id = ? and id = ? and deleted_at is null""");
                PreparedStatement audit = connection.prepareStatement("""
                        insert into audit_logs (organization_id, user_id, action, resource_type, resource_id, after,
                                                ip_address, user_agent)
                        values (?, ?, 'lead.created', 'lead', ?, ?::jsonb, '127.0.0.1', ?)""");
                PreparedStatement notify = connection.prepareStatement("select pg_notify('bench_live', ?)")) {
            tenant.setString(1, org.id().toString());
            tenant.execute();
            probe.setObject(1, org.id());
            probe.setString(2, phone);
            probe.setString(3, phone);
            probe.setObject(4, org.id());
            probe.setString(5, email);
            probe.executeQuery().close();
            lead.setObject(1, org.id());
            lead.setObject(2, status);
            lead.setObject(3, org.adminId());
            lead.setString(4, "Kurian " + n);
            lead.setString(5, phone);
            lead.setString(6, email);
            lead.setString(7, CITIES[n % CITIES.length]);
            lead.setString(8, SOURCES[n % SOURCES.length]);
            lead.setString(9, COURSES[n % COURSES.length]);
            lead.setString(10, COUNTRIES[n % COUNTRIES.length]);
            UUID id;
            try (var inserted = lead.executeQuery()) {
                inserted.next();
                id = inserted.getObject("id", UUID.class);
            }
            stage.setObject(1, org.id());
            stage.setObject(2, id);
            stage.setObject(3, status);
            stage.setObject(4, org.adminId());
            stage.executeUpdate();
            summary.setObject(1, org.id());
            summary.setObject(2, id);
            summary.executeQuery().close();
            audit.setObject(1, org.id());
            audit.setObject(2, org.adminId());
            audit.setString(3, id.toString());
            audit.setString(4, body(phone, n).replace("}", ",\"id\":\"" + id + "\",\"status\":\"new\"}"));
            audit.setString(5, REPLAY_AGENT);
            audit.executeUpdate();
            notify.setString(1, "{\"type\":\"lead.created\",\"organization_id\":\"" + org.id() + "\",\"id\":\""
                    + id + "\",\"full_name\":\"Aarav Kurian " + n + "\"}");
            notify.executeQuery().close();
            connection.commit();
        }
    }

    /** One client's turn: which client it is and how many it has sent. */
    static final class Client {
        private final int index;
        private int sent;

        Client(int index) {
            this.index = index;
        }

        int index() {
            return index;
        }

        int next() {
            return sent++;
        }
    }

    interface Step {
        int SENT = 0;
        int FAILED = 1;
        int DONE = 2;

        /** Sends one: {@link #SENT}, {@link #FAILED}, or {@link #DONE} when there is nothing more to send. */
        int send(Client client) throws Exception;
    }

    private Figures run(int connections, double seconds, Step step) throws Exception {
        long[][] latencies = new long[connections][];
        long[] failures = new long[connections];
        CpuTimes before = CpuTimes.now(postmaster);
        long started = System.nanoTime();
        long end = started + (long) (seconds * 1e9);
        ThreadFactory clients = Thread.ofPlatform().name(CLIENT_THREADS, 0).factory();
        try (ExecutorService pool = Executors.newFixedThreadPool(connections, clients)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int index = c;
                running.add(pool.submit(() -> {
                    Client client = new Client(index);
                    long[] taken = new long[1024];
                    int count = 0;
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        int outcome = step.send(client);
                        if (outcome == Step.DONE) {
                            break;
                        }
                        if (outcome == Step.FAILED) {
                            failures[index]++;
                            continue;
                        }
                        if (count == taken.length) {
                            taken = java.util.Arrays.copyOf(taken, count * 2);
                        }
                        taken[count++] = System.nanoTime() - sent;
                    }
                    latencies[index] = java.util.Arrays.copyOf(taken, count);
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        CpuTimes spent = CpuTimes.now(postmaster).minus(before);
        long[] all = Stream.of(latencies).flatMapToLong(java.util.Arrays::stream).toArray();
        long failed = java.util.Arrays.stream(failures).sum();
        int count = Math.max(1, all.length);
        return new Figures(all.length, failed, elapsed, Percentiles.of(all), spent.serverNanos() / 1e6 / count,
                spent.compilationMillis() / (double) count, spent.databaseNanos() / 1e6 / count);
    }

    private String nextSeries() {
        int run = series.getAndIncrement();
        BenchServer.check(run < 9, "more runs than phone series");
        // 8 is left out: the seeded leads' phones are +9198...
        return "+919" + "012345679".charAt(run);
    }

    /** +91 9, the run's digit, the client in two digits and its count in six: ten digits after +91. */
    private static String phone(String prefix, int client, int n) {
        return String.format("%s%02d%06d", prefix, client, n);
    }

    /**
     * CPU time so far of the server (the JVM less the client threads; the JIT compiler's threads, a part of it, apart)
     * and of PostgreSQL.
     */
    record CpuTimes(long serverNanos, long compilationMillis, long databaseNanos) {
        private static final long NANOS_PER_TICK = 10_000_000L;

        static CpuTimes now(String postmaster) throws IOException {
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new CpuTimes(process - clientThreadsNanos(), compilerThreadsTicks() * NANOS_PER_TICK / 1_000_000,
                    postgresTicks(postmaster) * NANOS_PER_TICK);
        }

        /** The process id of the embedded PostgreSQL's postmaster: the parent of a backend. */
        static String postmasterOf(BenchServer server) throws Exception {
            try (Connection connection = server.owner.getConnection(); var statement = connection.createStatement();
                    var result = statement.executeQuery("select pg_backend_pid()")) {
                result.next();
                return stat(Path.of("/proc", result.getString(1))).orElseThrow()[2];
            }
        }

        CpuTimes minus(CpuTimes earlier) {
            return new CpuTimes(serverNanos - earlier.serverNanos, compilationMillis - earlier.compilationMillis,
                    databaseNanos - earlier.databaseNanos);
        }

        /** The benchmark's own threads (clients and their HTTP client), alive now. */
        private static long clientThreadsNanos() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long total = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && (info.getThreadName().startsWith(CLIENT_THREADS)
                        || info.getThreadName().startsWith("HttpClient"))) {
                    total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return total;
        }

        /** User and system time of the JIT compiler's threads (C1 and C2) alive now, in clock ticks. */
        private static long compilerThreadsTicks() throws IOException {
            long ticks = 0;
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String[] thread = stat(task).orElse(null);
                    if (thread != null && thread[0].matches("C[12] CompilerThre.*")) {
                        ticks += Long.parseLong(thread[3]) + Long.parseLong(thread[4]);
                    }
                }
            }
            return ticks;
        }

        /** User and system time of the postmaster and of its children, in clock ticks. */
        private static long postgresTicks(String postmaster) throws IOException {
            List<String[]> processes = new ArrayList<>();
            try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    if (entry.getFileName().toString().chars().allMatch(Character::isDigit)) {
                        stat(entry).ifPresent(processes::add);
                    }
                }
            }
            // the postmaster's own time counts its children that have ended (closed connections) too
            return processes.stream().filter(p -> p[1].equals(postmaster) || p[2].equals(postmaster))
                    .mapToLong(p -> Long.parseLong(p[3]) + Long.parseLong(p[4])
                            + (p[1].equals(postmaster) ? Long.parseLong(p[5]) + Long.parseLong(p[6]) : 0)).sum();
        }

        /** Name, pid, parent pid, user and system ticks, and those of its ended children. */
        private static java.util.Optional<String[]> stat(Path process) {
            try {
                String stat = Files.readString(process.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return java.util.Optional.of(new String[] {name, process.getFileName().toString(), fields[1],
                    fields[11], fields[12], fields[13], fields[14]});
            } catch (IOException | RuntimeException gone) {
                return java.util.Optional.empty();
            }
        }
    }
}
