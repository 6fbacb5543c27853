package com.educonsult.crm.bench;

import static com.educonsult.crm.bench.BenchServer.check;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.educonsult.crm.bench.BenchServer.Org;
import com.educonsult.crm.bench.BenchServer.Percentiles;
import com.educonsult.crm.integrations.meta.MetaFakes;
import com.educonsult.crm.support.FakeProviders;
import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: Meta lead ads end to end. Deliveries of 100 leadgen changes are posted to the webhook at a steady
 * rate while the job fetches each lead from a fake Graph API answering in 20 ms and takes it in; measured are the
 * leads taken in per second (first delivery to last lead) beside a plain insert of the same leads in the same run,
 * and the webhook's answer times while the processing runs. Run by bench/meta.sh; prints the results.
 */
public final class MetaLeadsBenchmark {

    private static final int BATCH = 100;
    private static final int GRAPH_MILLIS = 20;
    private static final int DELIVERIES_PER_SECOND = 20;

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        FakeProviders.server().stubFor(get(urlPathMatching(MetaFakes.GRAPH + "/(8[0-9]{8})"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(GRAPH_MILLIS)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"id\":\"{{request.pathSegments.[2]}}\",\"created_time\":\"2026-11-20T10:15:30+0000\","
                                + "\"ad_id\":\"60011\",\"campaign_id\":\"60022\",\"field_data\":["
                                + "{\"name\":\"full_name\",\"values\":[\"Bench Student {{request.pathSegments.[2]}}\"]},"
                                + "{\"name\":\"phone_number\",\"values\":[\"+91 9{{request.pathSegments.[2]}}\"]},"
                                + "{\"name\":\"email\",\"values\":[\"s{{request.pathSegments.[2]}}@bench.test\"]},"
                                + "{\"name\":\"city\",\"values\":[\"Pune\"]}]}")));
        try (BenchServer server = BenchServer.start("--crm.integrations.facebook.app-id=100200300",
                "--crm.integrations.facebook.app-secret=" + MetaFakes.APP_SECRET,
                "--crm.integrations.facebook.verify-token=" + MetaFakes.VERIFY_TOKEN,
                "--crm.integrations.facebook.graph-url=" + FakeProviders.baseUrl() + "/graph",
                "--crm.rate-limits.exempt-addresses=127.0.0.1,0:0:0:0:0:0:0:1")) {
            new MetaLeadsBenchmark(server).run(leads);
        }
        System.exit(0);
    }

    private final BenchServer server;
    private final AtomicInteger series = new AtomicInteger(800_000_000);

    private MetaLeadsBenchmark(BenchServer server) {
        this.server = server;
    }

    private void run(int leads) throws Exception {
        Org org = server.register("meta");
        MetaFakes.FakePage page = MetaFakes.page("Bench Admissions");
        server.api.post("/api/v1/admin/integrations/facebook/connect", org.adminToken(),
                Map.of("user_access_token", page.userToken())).expect(200);

        System.out.println("warm-up: 1000 leads");
        deliverAndWait(org, page, 1_000);
        Org plainOrg = server.register("plain");
        plainInserts(plainOrg, 1_000, 16);

        Result meta = deliverAndWait(org, page, leads);
        double plain = plainInserts(plainOrg, leads, 16);
        System.out.println();
        System.out.printf("Meta leads, %d in deliveries of %d, Graph API answering in %d ms%n", leads, BATCH,
                GRAPH_MILLIS);
        System.out.printf("  taken in end to end: %.0f leads/s (%.1f s)%n", leads / meta.seconds(), meta.seconds());
        System.out.printf("  plain insert of the same leads (16 connections): %.0f leads/s%n", plain);
        System.out.printf("  plain / end to end: %.2fx%n", plain / (leads / meta.seconds()));
        System.out.printf("  webhook answer p50 / p95 / p99 (ms) while processing: %s (%d deliveries)%n",
                meta.webhook(), leads / BATCH);
        double cpuPerLead = meta.jvmCpuMs() + meta.databaseCpuMs();
        System.out.printf("  CPU per lead: JVM %.2f ms (server, fake Graph API and client), PostgreSQL %.2f ms; "
                + "at that cost %d cores take in at most %.0f leads/s%n", meta.jvmCpuMs(), meta.databaseCpuMs(),
                CORES, CORES * 1000 / cpuPerLead);
    }

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** The run's time, the webhook's answer times, and the CPU time per lead of this JVM and of PostgreSQL. */
    private record Result(double seconds, Percentiles webhook, double jvmCpuMs, double databaseCpuMs) {
    }

    /** Posts the leads in deliveries of 100 at a steady rate and waits until every one is taken in. */
    private Result deliverAndWait(Org org, MetaFakes.FakePage page, int leads) throws Exception {
        long before = processed(org);
        String postmaster = LeadCreations.CpuTimes.postmasterOf(server);
        long jvmCpuBefore = jvmCpuNanos();
        long databaseCpuBefore = LeadCreations.CpuTimes.now(postmaster).databaseNanos();
        int deliveries = leads / BATCH;
        long[] answers = new long[deliveries];
        long started = System.nanoTime();
        try (ExecutorService posting = Executors.newFixedThreadPool(4)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int d = 0; d < deliveries; d++) {
                int index = d;
                String[] ids = new String[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    ids[i] = Integer.toString(series.incrementAndGet());
                }
                String body = MetaFakes.delivery(page.pageId(), page.formId(), ids);
                long due = started + d * 1_000_000_000L / DELIVERIES_PER_SECOND;
                sent.add(posting.submit(() -> {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    long t = System.nanoTime();
                    int status = server.api.send(server.api.builder("/webhooks/facebook", null)
                            .header("Content-Type", "application/json")
                            .header("X-Hub-Signature-256", MetaFakes.signature(body))
                            .POST(HttpRequest.BodyPublishers.ofString(body))).status();
                    answers[index] = System.nanoTime() - t;
                    check(status == 200, "the webhook answered " + status);
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
        long target = before + leads;
        long last = before;
        long stalled = System.nanoTime();
        while (processed(org) < target) {
            long now = processed(org);
            if (now != last) {
                last = now;
                stalled = System.nanoTime();
            }
            check(System.nanoTime() - stalled < 120_000_000_000L, "processing stalled at " + now + " of " + target
                    + "; failed: " + failed(org));
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double jvmCpuMs = (jvmCpuNanos() - jvmCpuBefore) / 1e6 / leads;
        double databaseCpuMs = (LeadCreations.CpuTimes.now(postmaster).databaseNanos() - databaseCpuBefore) / 1e6
                / leads;
        check(failed(org) == 0, "leads failed: " + failed(org));
        check(server.count(org, "select count(*) from leads where organization_id = ? and platform = 'facebook'")
                == target, "one lead per Meta lead");
        return new Result(seconds, Percentiles.of(answers), jvmCpuMs, databaseCpuMs);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private long processed(Org org) {
        return server.count(org, "select count(*) from meta_lead_changes where organization_id = ? "
                + "and status = 'processed'");
    }

    private long failed(Org org) {
        return server.count(org, "select count(*) from meta_lead_changes where organization_id = ? "
                + "and status = 'failed'");
    }

    /** The same leads inserted plainly as the application role, one transaction each; answers leads per second. */
    private double plainInserts(Org org, int leads, int connections) throws Exception {
        UUID status = server.tenancy.callAs(org.id(), () -> server.db.fetchSingle(
                "select id from lead_statuses where is_default").get(0, UUID.class));
        HikariDataSource pool = server.context.getBean(HikariDataSource.class);
        AtomicInteger next = new AtomicInteger();
        int base = series.addAndGet(leads);
        long started = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(connections)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                running.add(clients.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
                            pool.getPassword())) {
                        connection.setAutoCommit(false);
                        PreparedStatement tenant = connection.prepareStatement(
                                "select set_config('app.organization_id', ?, true)");
                        PreparedStatement insert = connection.prepareStatement("""
                                insert into leads (organization_id, status_id, first_name, last_name, phone, email, city,
                                                   source, platform, source_lead_id, page_id, form_id, ad_id, campaign_id)
                                values (?, ?, 'Bench', ?, ?, ?, 'Pune', 'Facebook lead ads', 'facebook', ?, '1', '2',
                                        '60011', '60022')""");
                        int n;
                        while ((n = next.getAndIncrement()) < leads) {
                            String id = Integer.toString(base - n);
                            tenant.setString(1, org.id().toString());
                            tenant.execute();
                            insert.setObject(1, org.id());
                            insert.setObject(2, status);
                            insert.setString(3, "Student " + id);
                            insert.setString(4, "+919" + id);
                            insert.setString(5, "s" + id + "@bench.test");
                            insert.setString(6, id);
                            insert.executeUpdate();
                            connection.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        return leads / ((System.nanoTime() - started) / 1e9);
    }
}
