package com.educonsult.crm.bench;

import static com.educonsult.crm.bench.BenchServer.check;
import static com.educonsult.crm.bench.BenchServer.timed;

import com.educonsult.crm.bench.BenchServer.Org;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;

/**
 * Not a test: a campaign to 100,000 leads. Measured are the launch (the recipients' snapshot: one insert ... select
 * over the leads, with the opted-out and duplicate addresses left out) in recipients per second, the handing over
 * of the recipients to the communications outbox in messages per second against the campaign's throttle, and, in
 * the same run, a plain insert of the same communication and delivery rows. When the outbox's sender is present,
 * also the messages taken by the provider per second. Run by bench/campaigns.sh; prints the results.
 */
public final class CampaignBenchmark {

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int throttle = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        try (BenchServer server = BenchServer.start("--crm.messaging.campaigns.max-batch=1000",
                "--crm.messaging.throttle.email=0",
                "--crm.rate-limits.exempt-addresses=127.0.0.1,0:0:0:0:0:0:0:1")) {
            new CampaignBenchmark(server).run(leads, throttle);
        }
        System.exit(0);
    }

    private final BenchServer server;

    private CampaignBenchmark(BenchServer server) {
        this.server = server;
    }

    private void run(int leads, int throttle) throws Exception {
        Org org = server.register("campaign");
        double seeding = timed(() -> seed(org, leads));
        server.vacuumAnalyze();
        System.out.printf("seeded %d leads in %.1f s (1%% share an email with another lead, 1%% opted out)%n",
                leads, seeding);
        String template = server.api.post("/api/v1/templates/messages", org.adminToken(), Map.of("name", "Bench",
                "is_whatsapp", false, "is_email", true, "subject", "Open day for {{first_name}}",
                "content", "Hi {{first_name}}, see https://example.com/open-day for the programme.")).expect(201)
                .data().get("id").asString();
        String id = server.api.post("/api/v1/campaigns", org.adminToken(), Map.of("name", "Bench", "channel",
                "email", "template_id", template, "audience", Map.of("tags", "bench"), "throttle_per_minute",
                throttle)).expect(201).data().get("id").asString();

        long[] recipients = new long[1];
        double launch = timed(() -> recipients[0] = server.api.post("/api/v1/campaigns/" + id + "/launch",
                org.adminToken(), Map.of()).expect(200).data().get("recipients").asLong());
        long started = System.nanoTime();
        long queued = 0;
        long stalled = System.nanoTime();
        long last = -1;
        long window = 120_000_000_000L;
        while ((queued = count(org, "select count(*) from campaign_recipients where organization_id = ? "
                + "and status = 'queued'")) < recipients[0] && System.nanoTime() - started < window) {
            if (queued != last) {
                last = queued;
                stalled = System.nanoTime();
            }
            check(System.nanoTime() - stalled < 120_000_000_000L, "handing over stalled at " + queued);
            Thread.sleep(200);
        }
        double handing = (System.nanoTime() - started) / 1e9;
        long handed = queued;
        if (handed < recipients[0]) {
            server.api.post("/api/v1/campaigns/" + id + "/pause", org.adminToken(), Map.of()).expect(200);
        }
        long sent = count(org, "select count(*) from message_deliveries where organization_id = ? "
                + "and status = 'sent'");
        double plain = plainInsert(org, (int) recipients[0]);
        double slow = throttled(org, template, 3_000, 30);

        System.out.println();
        System.out.printf("Campaign to %d leads (email, tracked links), throttle %d a minute%n", leads, throttle);
        System.out.printf("  launch (snapshot of %d recipients, %d left out): %.2f s, %.0f recipients/s%n",
                recipients[0], leads - recipients[0], launch, recipients[0] / launch);
        System.out.printf("  handed over to the outbox: %d in %.1f s, %.0f messages/s (the throttle allows %.0f/s)%n",
                handed, handing, handed / handing, throttle / 60.0);
        System.out.printf("  plain insert of the same communication and delivery rows: %.0f rows/s%n", plain);
        System.out.printf("  taken by the provider adapter (the embedded recording adapter) meanwhile: %d, %.0f/s%n",
                sent, sent / handing);
        System.out.printf("  a second campaign at 3000 a minute (50/s), over 30 s: %.1f messages/s%n", slow);
    }

    /** A campaign to the same audience at the throttle, handing over for the seconds given; answers messages/s. */
    private double throttled(Org org, String template, int throttle, int seconds) throws Exception {
        String id = server.api.post("/api/v1/campaigns", org.adminToken(), Map.of("name", "Throttled", "channel",
                "email", "template_id", template, "audience", Map.of("tags", "bench"), "throttle_per_minute",
                throttle)).expect(201).data().get("id").asString();
        server.api.post("/api/v1/campaigns/" + id + "/launch", org.adminToken(), Map.of()).expect(200);
        UUID campaign = UUID.fromString(id);
        long first = 0;
        while ((first = queuedOf(org, campaign)) == 0) {
            Thread.sleep(20);
        }
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long handed = queuedOf(org, campaign) - first;
        double elapsed = (System.nanoTime() - started) / 1e9;
        server.api.post("/api/v1/campaigns/" + id + "/cancel", org.adminToken(), Map.of()).expect(200);
        return handed / elapsed;
    }

    private long queuedOf(Org org, UUID campaign) {
        return server.tenancy.callAs(org.id(), () -> Long.parseLong(server.db.fetchValue(
                "select queued_count from campaigns where organization_id = ? and id = ?", org.id(), campaign)
                .toString()));
    }

    /** Leads tagged bench, each with an email and a phone; 1% share an email, 1% of the emails opted out. */
    private void seed(Org org, int leads) {
        server.tenancy.runAs(org.id(), () -> {
            UUID status = server.db.fetchSingle("select id from lead_statuses where is_default").get(0, UUID.class);
            server.db.execute("""
                    insert into leads (organization_id, status_id, first_name, last_name, phone, email, tags, source)
                    select ?, ?, 'Student', 'No ' || n, '+9196' || lpad(n::text, 8, '0'),
                           's' || (case when n % 100 = 0 then n - 1 else n end) || '@bench.test', '{bench}', 'website'
                    from generate_series(1, ?) as n""", org.id(), status, leads);
            server.db.execute("""
                    insert into message_consents (organization_id, channel, address, opted_out, source)
                    select ?, 'email', 's' || n || '@bench.test', true, 'bench'
                    from generate_series(1, ?) as n where n % 100 = 50""", org.id(), leads);
        });
    }

    private long count(Org org, String sql) {
        return server.count(org, sql);
    }

    /** The same rows (a communication and a delivery per recipient) inserted plainly in one transaction. */
    private double plainInsert(Org org, int rows) throws Exception {
        try (Connection connection = server.application.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement tenant = connection.prepareStatement(
                    "select set_config('app.organization_id', ?, true)")) {
                tenant.setString(1, org.id().toString());
                tenant.execute();
            }
            long started = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("""
                    with c as (
                      insert into communications (organization_id, type, direction, status, subject, body, html,
                                                  to_address)
                      select ?, 'email', 'outbound', 'queued', 'Open day', 'Hi, see the programme.',
                             '<p>Hi, see the programme.</p>', 'plain' || n || '@bench.test'
                      from generate_series(1, ?) as n
                      returning organization_id, id)
                    insert into message_deliveries (organization_id, communication_id, channel, status, bulk,
                                                    next_attempt_at)
                    select organization_id, id, 'email', 'dead', true, null from c""")) {
                insert.setObject(1, org.id());
                insert.setInt(2, rows);
                insert.executeUpdate();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            connection.rollback();
            return rows / seconds;
        }
    }
}
