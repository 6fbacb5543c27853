package com.educonsult.crm.bench;

import static com.educonsult.crm.bench.BenchServer.check;
import static com.educonsult.crm.bench.BenchServer.timed;

import com.educonsult.crm.bench.BenchServer.Org;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.support.ApiTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import tools.jackson.databind.JsonNode;

/**
 * Not a test: measures lead import and export end to end over HTTP beside PostgreSQL's own COPY of the same rows,
 * in the same run. Seeds N leads, imports a generated CSV of M rows (1% of them duplicates of seeded leads), then
 * exports every lead. Arguments: N and M (default 100000 each). Prints the results.
 */
public final class ImportExportBenchmark {


    private final BenchServer server;
    private final ApiTest.Api api;
    private final DSLContext db;
    private final Tenancy tenancy;
    private final DataSource dataSource;
    private final DataSource migrationDataSource;
    private final String base;

    private ImportExportBenchmark(BenchServer server) {
        this.server = server;
        this.base = server.baseUrl;
        this.api = server.api;
        this.db = server.db;
        this.tenancy = server.tenancy;
        this.dataSource = server.application;
        this.migrationDataSource = server.owner;
    }

    public static void main(String[] args) throws Exception {
        int seeded = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int imported = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        try (BenchServer server = BenchServer.start("--db-scheduler.polling-interval=1s")) {
            new ImportExportBenchmark(server).run(seeded, imported);
        }
        System.exit(0);
    }

    private void run(int seeded, int imported) throws Exception {
        Map<String, String> results = new LinkedHashMap<>();
        results.put("seeded leads", String.valueOf(seeded));
        results.put("imported rows", String.valueOf(imported));

        // warm-up: the server in service has compiled its hot code
        Org warm = server.register("bench-warm-import");
        importOverHttp(warm, csv(20_000, 0, 0));
        export(warm);

        Org org = server.register("bench-import");
        seed(org.id(), seeded);
        server.vacuumAnalyze();
        String file = csv(imported, seeded, imported / 100);
        double importSeconds = timed(() -> importOverHttp(org, file));
        long leads = server.count(org, "select count(*) from leads where organization_id = ? and deleted_at is null");
        check(leads == (long) seeded + imported - imported / 100, "leads after the import: " + leads);
        results.put("import wall time (s)", String.format("%.2f", importSeconds));
        results.put("import rows/s end to end", String.format("%.0f", imported / importSeconds));
        results.put("1,000,000 rows at that rate (s)", String.format("%.0f", 1_000_000 / (imported / importSeconds)));

        Org plain = server.register("bench-plain-copy");
        UUID status = tenancy.callAs(plain.id(), () -> db.fetchValue(
                "select id from lead_statuses where organization_id = ? and is_default", plain.id()).toString())
                .transform(UUID::fromString);
        String rows = copyRows(plain.id(), status, imported, seeded);
        double copySeconds = timed(() -> copyIn("copy leads (organization_id, status_id, first_name, last_name, "
                + "phone, email, city, tags, platform) from stdin with (format csv)", rows));
        results.put("plain COPY into leads (s)", String.format("%.2f", copySeconds));
        results.put("plain COPY rows/s", String.format("%.0f", imported / copySeconds));
        results.put("COPY / import", String.format("%.2fx", (imported / copySeconds) / (imported / importSeconds)));
        server.vacuumAnalyze();

        AtomicLong lines = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        double exportSeconds = timed(() -> {
            long[] counted = export(org);
            lines.set(counted[0]);
            bytes.set(counted[1]);
        });
        check(lines.get() == leads + 1, "exported lines " + lines.get() + " != " + (leads + 1));
        results.put("export lines (with header)", String.valueOf(lines.get()));
        results.put("export MB", String.format("%.1f", bytes.get() / 1e6));
        results.put("export wall time (s)", String.format("%.2f", exportSeconds));
        results.put("export rows/s end to end", String.format("%.0f", leads / exportSeconds));
        AtomicLong copied = new AtomicLong();
        double copyOutSeconds = timed(() -> copied.set(copyOut(org)));
        results.put("COPY (select ...) TO STDOUT (s)", String.format("%.2f", copyOutSeconds));
        results.put("COPY TO rows/s", String.format("%.0f", copied.get() / copyOutSeconds));
        results.put("export / COPY TO", String.format("%.2f", (leads / exportSeconds) / (copied.get() / copyOutSeconds)));
        print(results);
    }

    /** Rows of first name, last name, phone, email, city and tags; the first {@code duplicates} repeat seeded phones. */
    private static String csv(int rows, int offset, int duplicates) {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Mobile,Email,City,Tags\n");
        for (int i = 0; i < rows; i++) {
            int n = i < duplicates ? i : offset + i;
            csv.append("Asha").append(',').append("Rao ").append(i).append(',')
                    .append("98").append(String.format("%08d", n)).append(',')
                    .append("lead").append(n).append("@example.test").append(',')
                    .append(i % 2 == 0 ? "Pune" : "Delhi").append(',').append("fair;mba").append('\n');
        }
        return csv.toString();
    }

    /** The same rows, already normalized as the import stores them, for a plain COPY. */
    private static String copyRows(UUID organizationId, UUID statusId, int rows, int offset) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            int n = offset + i;
            csv.append(organizationId).append(',').append(statusId).append(",Asha,Rao ").append(i).append(",+9198")
                    .append(String.format("%08d", n)).append(",lead").append(n).append("@example.test,")
                    .append(i % 2 == 0 ? "Pune" : "Delhi").append(",\"{fair,mba}\",import\n");
        }
        return csv.toString();
    }

    private void importOverHttp(Org org, String csv) {
        String boundary = "----bench" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add(csv.getBytes(StandardCharsets.UTF_8));
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String id = api.send(api.builder("/api/v1/leads/import", org.adminToken())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts))).expect(202).data().get("id").asString();
        while (true) {
            JsonNode view = api.get("/api/v1/imports/" + id, org.adminToken()).expect(200).data();
            String status = view.get("status").asString();
            if (status.equals("completed")) {
                return;
            }
            check(!status.equals("failed"), "import failed: " + view);
            sleep(100);
        }
    }

    /** Lines and bytes of the CSV export of every lead. */
    private long[] export(Org org) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        java.net.URI.create(base + "/api/v1/leads/export"))
                .header("Authorization", "Bearer " + org.adminToken()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        check(response.statusCode() == 200, "export answered " + response.statusCode());
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[65_536];
        try (InputStream body = response.body()) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new long[] {lines, bytes};
    }

    /** PostgreSQL's own CSV of the organization's live leads (all columns), as the application role; rows. */
    private long copyOut(Org org) {
        return tenancy.callAs(org.id(), () -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return new CopyManager(connection.unwrap(BaseConnection.class)).copyOut(
                        "copy (select * from leads where organization_id = '" + org.id() + "' and deleted_at is null "
                                + "order by created_at desc, id desc) to stdout with (format csv)",
                        OutputStream.nullOutputStream());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }

    private void copyIn(String sql, String rows) throws Exception {
        try (Connection connection = migrationDataSource.getConnection()) {
            new CopyManager(connection.unwrap(BaseConnection.class)).copyIn(sql, new StringReader(rows));
        }
    }

    private void seed(UUID organizationId, int count) {
        tenancy.runAs(organizationId, () -> db.execute("""
                insert into leads (organization_id, status_id, first_name, last_name, phone, email, platform)
                select ?, (select id from lead_statuses where organization_id = ? and is_default),
                       'Lead', 'No ' || n, '+9198' || lpad(n::text, 8, '0'), 'lead' || n || '@example.test', 'import'
                from generate_series(0, ? - 1) as n""", organizationId, organizationId, count));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void print(Map<String, String> results) {
        System.out.println("---- import/export results " + LocalDate.now() + " ----");
        results.forEach((k, v) -> System.out.printf("%-34s %s%n", k, v));
    }
}
