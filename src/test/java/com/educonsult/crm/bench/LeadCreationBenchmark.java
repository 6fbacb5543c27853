package com.educonsult.crm.bench;

import com.educonsult.crm.bench.BenchServer.Org;
import com.educonsult.crm.support.LeadVolumes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Not a test: lead creation over HTTP ({@code POST /api/v1/leads}) at 8 and 32 connections into an organization that
 * already has many leads (default 100,000, written in bulk with their stages, activities, tasks and calls), each
 * beside a plain insert of the same rows as the application role at the same concurrency, in the same run. Prints
 * leads/s, latencies and CPU time per lead of the server and of PostgreSQL. Run by {@code bench/create.sh}.
 */
public final class LeadCreationBenchmark {

    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "15"));
    /**
     * Creations before measuring: the JIT compiler's last tier compiles a method after some thousands of calls, and a
     * creation calls most of its methods once, so a short warm-up measures code that is still being profiled.
     */
    private static final int WARM_UP_LEADS = Integer.getInteger("bench.warm-up-leads", 12_000);
    private static final double WARM_UP_SECONDS = 240;
    /** Where to write a Java Flight Recorder profile of the measured run at 8 connections, if anywhere. */
    private static final String PROFILE = System.getProperty("bench.profile");
    private static final int[] CONNECTIONS = {8, 32};

    private final BenchServer server;
    private final LeadCreations creations;
    private final Map<String, String> results = new LinkedHashMap<>();

    private LeadCreationBenchmark(BenchServer server) throws Exception {
        this.server = server;
        this.creations = new LeadCreations(server);
    }

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (BenchServer server = BenchServer.start("--crm.rate-limits.enabled=false")) {
            new LeadCreationBenchmark(server).run(leads);
        }
        System.exit(0);
    }

    private void run(int leads) throws Exception {
        record("load average at the start", loadAverage());
        Org org = seed(leads);
        explainDuplicateProbe(org);
        long before = createdLeads(org);
        long overHttp = 0;

        // a server in service has compiled its hot code; without a warm-up the first run measures the JIT
        LeadCreations.Figures warmUp = creations.overHttp(org, org.adminToken(), 32, WARM_UP_SECONDS, WARM_UP_LEADS);
        overHttp += warmUp.done();
        record("warm-up over HTTP at 32 connections", warmUp.toString());
        creations.plainInserts(org, 8, 10);

        for (int connections : CONNECTIONS) {
            LeadCreations.Figures http = profiled(connections == 8, () -> creations.overHttp(org, org.adminToken(),
                    connections, SECONDS));
            overHttp += http.done();
            record("POST /leads at " + connections + " connections", http.toString());
            LeadCreations.Figures plain = creations.plainInserts(org, connections, SECONDS);
            record("plain insert at " + connections + " connections", plain.toString());
            record("a creation's statements over JDBC at " + connections + " connections",
                    creations.creationStatements(org, connections, SECONDS).toString());
            record("plain / POST at " + connections + " connections",
                    String.format("%.2fx", plain.perSecond() / http.perSecond()));
        }
        checkEachCreationWroteItsRows(org, before, overHttp);
        record("load average at the end", loadAverage());
        print();
    }

    private static LeadCreations.Figures profiled(boolean wanted, Callable<LeadCreations.Figures> run)
            throws Exception {
        if (PROFILE == null || !wanted) {
            return run.call();
        }
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            LeadCreations.Figures figures = run.call();
            recording.stop();
            recording.dump(Path.of(PROFILE));
            return figures;
        }
    }

    /** The organization with its leads in bulk, and statistics as autovacuum leaves them. */
    private Org seed(int leads) throws Exception {
        Org org = server.register("create");
        UUID counselor = UUID.randomUUID();
        server.insertUser(org, counselor, "counselor", null, "counselor", null);
        double seconds = BenchServer.timed(() -> new LeadVolumes(server.db, server.tenancy)
                .generate(org.id(), org.adminId(), null, counselor, leads, "c-"));
        server.vacuumAnalyze();
        record("seeded leads (with stages, activities, tasks, calls)", String.format("%d in %.0f s", leads, seconds));
        return org;
    }

    /** The plan of a creation's duplicate probe (phone, secondary phone, email) on the seeded organization. */
    private void explainDuplicateProbe(Org org) {
        String probe = "(select 'phone', id from leads where organization_id = '%1$s' and deleted_at is null "
                + "and (phone = '+919800012345' or secondary_phone = '+919800012345') order by created_at, id limit 1) "
                + "union all (select 'email', id from leads where organization_id = '%1$s' and deleted_at is null "
                + "and email = 'c-12345@mail.example' order by created_at, id limit 1)";
        String plan = server.tenancy.callAs(org.id(), () -> String.join("\n", server.db.fetch(
                "explain (analyze, costs off) " + probe.formatted(org.id())).getValues(0, String.class)));
        System.out.println("duplicate probe:\n" + plan);
    }

    private long createdLeads(Org org) {
        return server.count(org, "select count(*) from audit_logs where organization_id = ? and action = 'lead.created' "
                + "and user_agent is distinct from '" + LeadCreations.REPLAY_AGENT + "'");
    }

    /** Every lead created over HTTP has its audit entry, its open stage and its search entry. */
    private void checkEachCreationWroteItsRows(Org org, long auditedBefore, long overHttp) throws Exception {
        long audited = createdLeads(org) - auditedBefore;
        BenchServer.check(audited == overHttp, "audit entries " + audited + " != leads created " + overHttp);
        long withoutStage = server.count(org, """
                select count(*) from leads l where l.organization_id = ? and l.created_by is not null
                  and not exists (select 1 from lead_stages s where s.organization_id = l.organization_id
                                  and s.lead_id = l.id and s.exited_at is null)""");
        BenchServer.check(withoutStage == 0, withoutStage + " created leads without an open stage");
        try (Connection connection = server.owner.getConnection(); Statement statement = connection.createStatement();
                ResultSet missing = statement.executeQuery("select count(*) from leads l where organization_id = '"
                        + org.id() + "' and not exists (select 1 from private.lead_search_entries e "
                        + "where e.organization_id = l.organization_id and e.lead_id = l.id)")) {
            missing.next();
            BenchServer.check(missing.getLong(1) == 0, missing.getLong(1) + " leads without a search entry");
        }
        record("each lead created over HTTP has its audit entry, open stage and search entry", overHttp + " leads");
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
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
