package com.educonsult.crm.bench;

import com.educonsult.crm.CrmApplication;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.support.ApiTest;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * The whole server started in-process on an in-memory embedded PostgreSQL, as every benchmark runs it, with what
 * the benchmarks do around it: organizations registered over HTTP, users written straight into the tables, logins,
 * {@code VACUUM ANALYZE} after a bulk load.
 */
final class BenchServer implements AutoCloseable {

    static final String PASSWORD = "Bench-Password-42";
    private static final String[] ARGUMENTS = {"--server.port=0", "--crm.database.embedded-persistent=false",
        "--crm.demo-data=false", "--logging.level.root=WARN",
        "--crm.identity.jwt-secret=YmVuY2gtc2lnbmluZy1rZXktYmVuY2gtc2lnbmluZy1rZXktYmVuY2gtc2lnbmluZw==",
        "--crm.data-dir=target/bench-data"};

    /** An organization registered over HTTP, with its first admin. */
    record Org(UUID id, String slug, UUID adminId, String adminToken) {
    }

    final ConfigurableApplicationContext context;
    final ApiTest.Api api;
    final DSLContext db;
    final Tenancy tenancy;
    /** The tables' owner: no row-level security. */
    final DataSource owner;
    /** The application role's pool, as the server uses it. */
    final DataSource application;
    final String baseUrl;
    private final String passwordHash = new BCryptPasswordEncoder(4).encode(PASSWORD);

    private BenchServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        this.api = new ApiTest.Api(baseUrl);
        this.db = context.getBean(DSLContext.class);
        this.tenancy = context.getBean(Tenancy.class);
        this.owner = context.getBean("migrationDataSource", DataSource.class);
        this.application = context.getBean("dataSource", DataSource.class);
    }

    /** Starts the server with the benchmarks' settings and the given ones ({@code --name=value}). */
    static BenchServer start(String... settings) {
        List<String> arguments = new ArrayList<>(Arrays.asList(ARGUMENTS));
        arguments.addAll(Arrays.asList(settings));
        return new BenchServer(new SpringApplicationBuilder(CrmApplication.class).run(
                arguments.toArray(String[]::new)));
    }

    /**
     * Starts the server on a PostgreSQL that keeps its data in the directory (created and migrated when new, reused
     * as it is otherwise), with the benchmarks' other settings and the given ones.
     */
    static BenchServer startKeeping(String dataDirectory, String... settings) {
        List<String> arguments = new ArrayList<>(Arrays.stream(ARGUMENTS)
                .filter(a -> !a.startsWith("--crm.database.embedded-persistent=") && !a.startsWith("--crm.data-dir="))
                .toList());
        arguments.add("--crm.database.embedded-persistent=true");
        arguments.add("--crm.data-dir=" + dataDirectory);
        arguments.addAll(Arrays.asList(settings));
        return new BenchServer(new SpringApplicationBuilder(CrmApplication.class).run(
                arguments.toArray(String[]::new)));
    }

    String jdbcUrl() {
        return context.getBean(HikariDataSource.class).getJdbcUrl();
    }

    /** The embedded PostgreSQL's port. */
    int databasePort() {
        return Integer.parseInt(jdbcUrl().replaceAll(".*://[^:]+:(\\d+)/.*", "$1"));
    }

    Org register(String prefix) {
        String slug = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        JsonNode data = api.post("/api/v1/auth/register", null, Map.of("organization_name", "Bench " + slug,
                "organization_slug", slug, "first_name", "Ada", "email", "admin@" + slug + ".test",
                "password", PASSWORD)).expect(201).data();
        return new Org(UUID.fromString(data.get("organization").get("id").asString()), slug,
                UUID.fromString(data.get("user").get("id").asString()), data.get("access_token").asString());
    }

    /** A user {@code name@slug.test} with the role of that code, written as the application role. */
    void insertUser(Org org, UUID id, String role, UUID branch, String name, String lastName) {
        tenancy.runAs(org.id(), () -> {
            db.execute("insert into users (organization_id, id, email, first_name, last_name, password_hash, "
                    + "branch_id) values (?, ?, ?, ?, ?, ?, ?)", org.id(), id, email(org, name), name, lastName,
                    passwordHash, branch);
            db.execute("insert into user_roles (organization_id, user_id, role_id) "
                    + "select organization_id, ?, id from roles where code = ?", id, role);
        });
    }

    static String email(Org org, String name) {
        return name + "@" + org.slug() + ".test";
    }

    /** The access token of a login with the benchmarks' password. */
    String login(Org org, String email) {
        return api.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD,
                "organization_slug", org.slug())).expect(200).data().get("access_token").asString();
    }

    /** A count (or sum) over the organization's rows; the statement takes the organization as its parameter. */
    long count(Org org, String sql) {
        return tenancy.callAs(org.id(), () -> Long.parseLong(db.fetchValue(sql, org.id()).toString()));
    }

    /**
     * What autovacuum does on a live system after a bulk load: table statistics and the visibility map (as the
     * tables' owner).
     */
    void vacuumAnalyze() throws SQLException {
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("vacuum analyze");
        }
    }

    @Override
    public void close() {
        context.close();
    }

    interface Work {
        void run() throws Exception;
    }

    /** Seconds the work took. */
    static double timed(Work work) throws Exception {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** p50, p95 and p99 of durations, in milliseconds. */
    record Percentiles(double p50, double p95, double p99) {
        static Percentiles of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(at(sorted, 50), at(sorted, 95), at(sorted, 99));
        }

        private static double at(long[] sorted, int percentile) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1_000_000.0;
        }

        @Override
        public String toString() {
            return String.format("%.1f / %.1f / %.1f", p50, p95, p99);
        }
    }
}
