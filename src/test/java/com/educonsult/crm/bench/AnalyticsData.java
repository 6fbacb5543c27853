package com.educonsult.crm.bench;

import com.educonsult.crm.bench.BenchServer.Org;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The analytics benchmark's data: one large organization (five branches, a manager and nine counselors in each) and
 * small ones beside it, written with set-based statements through the tables, so that the triggers keep
 * {@code analytics_facts}, {@code lead_responses} and {@code lead_tallies} exact as they do for the application.
 * Per lead, on average: five stages along the education pipeline (SLA met or breached, some lost, some enrolled),
 * ten activities and five synced calls, over two years that grow towards today. Written batch by batch, one
 * transaction per batch; a batch's progress is recorded in that transaction, so an interrupted run resumes.
 */
final class AnalyticsData {

    /** Leads per batch: no statement writes more rows than this. */
    static final int BATCH = AnalyticsBenchmark.setting("BENCH_BATCH", 100_000);
    static final int ACTIVITIES_PER_LEAD = 10;
    static final int CALLS_PER_LEAD = 5;
    static final int MAX_STAGES = 8;
    static final int BRANCHES = 5;
    static final int COUNSELORS_PER_BRANCH = 9;

    /** An organization of the data set, as recorded in {@code bench_generation}. */
    record Planned(UUID id, String slug, String kind, int leads, int done, int seed) {
    }

    private final BenchServer server;
    /** Rows and seconds spent writing each table, over every run that wrote this data set. */
    final Map<String, double[]> written = new LinkedHashMap<>();

    AnalyticsData(BenchServer server) {
        this.server = server;
    }

    /** The large organization, or null before the data set was planned. */
    Planned large() throws SQLException {
        return planned().stream().filter(p -> p.kind().equals("large")).findFirst().orElse(null);
    }

    boolean complete() throws SQLException {
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement()) {
            if (!tableExists(s)) {
                return false;
            }
            try (ResultSet r = s.executeQuery("select bool_and(leads_done = leads) and bool_and(folded) "
                    + "from bench_generation")) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    /** A data set stopped by its deadline (or planned smaller) continues to the large organization's leads asked. */
    void growTo(int largeLeads) throws SQLException {
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement()) {
            if (tableExists(s)) {
                s.executeUpdate("update bench_generation set leads = " + largeLeads + ", folded = false "
                        + "where kind = 'large' and leads < " + largeLeads);
            }
        }
    }

    /** Registers the organizations with their branches and users, unless an earlier run did. */
    void plan(int largeLeads, int smallOrganizations, int smallLeads) throws Exception {
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement()) {
            if (tableExists(s)) {
                return;
            }
            s.execute("""
                    create or replace function bench_u(k bigint, salt int) returns double precision
                    language sql immutable parallel safe as
                    $$ select (hashint8(k * 131 + salt)::bigint + 2147483648) / 4294967296.0 $$""");
        }
        List<Planned> organizations = new ArrayList<>();
        for (int i = 0; i < smallOrganizations; i++) {
            Org small = server.register("small" + i);
            people(small, 1, 3);
            organizations.add(new Planned(small.id(), small.slug(), "small", smallLeads, 0, i + 1));
        }
        Org large = server.register("large");
        people(large, BRANCHES, COUNSELORS_PER_BRANCH);
        organizations.add(new Planned(large.id(), large.slug(), "large", largeLeads, 0, 0));
        try (Connection c = server.owner.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table bench_generation (organization_id uuid primary key, slug text not null, "
                        + "kind text not null, leads int not null, leads_done int not null, seed int not null, "
                        + "folded boolean not null default false)");
                s.execute("create table bench_generation_times (name text primary key, rows bigint not null, "
                        + "seconds double precision not null)");
            }
            try (PreparedStatement insert = c.prepareStatement("insert into bench_generation (organization_id, slug, "
                    + "kind, leads, leads_done, seed) values (?, ?, ?, ?, 0, ?)")) {
                for (Planned p : organizations) {
                    insert.setObject(1, p.id());
                    insert.setString(2, p.slug());
                    insert.setString(3, p.kind());
                    insert.setInt(4, p.leads());
                    insert.setInt(5, p.seed());
                    insert.executeUpdate();
                }
            }
        }
    }

    /** Branches, and in each a manager and counselors ({@code managerN}, {@code counselorN}). */
    private void people(Org org, int branches, int counselorsPerBranch) throws SQLException {
        int counselor = 0;
        for (int b = 1; b <= branches; b++) {
            UUID branch = UUID.randomUUID();
            try (Connection c = server.owner.getConnection();
                    PreparedStatement insert = c.prepareStatement(
                            "insert into branches (organization_id, id, name, city) values (?, ?, ?, ?)")) {
                insert.setObject(1, org.id());
                insert.setObject(2, branch);
                insert.setString(3, "Branch " + b);
                insert.setString(4, List.of("Kochi", "Delhi", "Mumbai", "Pune", "Chennai").get((b - 1) % 5));
                insert.executeUpdate();
            }
            server.insertUser(org, UUID.randomUUID(), "manager", branch, "manager" + b, "Branch " + b);
            for (int i = 0; i < counselorsPerBranch; i++) {
                counselor++;
                server.insertUser(org, UUID.randomUUID(), "counselor", branch, "counselor" + counselor, null);
            }
        }
    }

    List<Planned> planned() throws SQLException {
        List<Planned> all = new ArrayList<>();
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement()) {
            if (!tableExists(s)) {
                return all;
            }
            try (ResultSet r = s.executeQuery("select organization_id, slug, kind, leads, leads_done, seed "
                    + "from bench_generation order by kind desc, seed")) {
                while (r.next()) {
                    all.add(new Planned(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getInt(4),
                            r.getInt(5), r.getInt(6)));
                }
            }
        }
        return all;
    }

    /**
     * Writes the leads not written yet, batch by batch, printing each batch's rate. Past the deadline (epoch
     * seconds, 0 for none) it stops after the batch it is writing, and the data set is what was written: the large
     * organization's planned leads become the ones written.
     */
    void generate(long deadline) throws Exception {
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement()) {
            // the generator writes each lead's status_entered_at and status_sla_due_at (its open stage's start and
            // deadline) itself; this row trigger would only repeat them, as one UPDATE of leads per lead (see the
            // benchmark's notes)
            s.execute("alter table lead_stages disable trigger lead_stages_entry_on_insert");
        }
        try {
            for (Planned org : planned()) {
                for (int first = org.done() + 1; first <= org.leads(); first += BATCH) {
                    if (deadline > 0 && System.currentTimeMillis() / 1000 > deadline) {
                        stopAt(org, first - 1);
                        return;
                    }
                    int last = Math.min(org.leads(), first + BATCH - 1);
                    long started = System.nanoTime();
                    batch(org, first, last);
                    if (org.kind().equals("large")) {
                        System.out.printf("large organization: %,d of %,d leads written (batch in %.0f s)%n", last,
                                org.leads(), (System.nanoTime() - started) / 1e9);
                    }
                }
            }
        } finally {
            enableTriggers();
        }
    }

    /** The application's triggers as they are (after a generation that was killed, too). */
    void enableTriggers() throws SQLException {
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement()) {
            s.execute("alter table lead_stages enable trigger lead_stages_entry_on_insert");
        }
    }

    private void stopAt(Planned org, int written) throws SQLException {
        System.out.printf("deadline reached: %s organization stops at %,d leads%n", org.kind(), written);
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement()) {
            s.execute("update bench_generation set leads = leads_done where leads_done < leads");
        }
    }

    private void batch(Planned org, int first, int last) throws SQLException {
        try (Connection c = server.owner.getConnection()) {
            c.setAutoCommit(false);
            Map<String, double[]> times = new LinkedHashMap<>();
            timed(c, times, "plan", plan(org, first, last));
            timed(c, times, "leads", LEADS.formatted());
            for (int j = 1; j <= MAX_STAGES; j++) {
                timed(c, times, "lead_stages", STAGE.formatted(j));
            }
            for (int i = 1; i <= ACTIVITIES_PER_LEAD; i++) {
                timed(c, times, "activities", ACTIVITY.formatted(i));
            }
            for (int i = 1; i <= CALLS_PER_LEAD; i++) {
                timed(c, times, "call_logs", i == 1 ? FIRST_CALL : CALL.formatted(i));
            }
            try (PreparedStatement progress = c.prepareStatement(
                    "update bench_generation set leads_done = ? where organization_id = ?");
                    PreparedStatement time = c.prepareStatement("insert into bench_generation_times as t values "
                            + "(?, ?, ?) on conflict (name) do update set rows = t.rows + excluded.rows, "
                            + "seconds = t.seconds + excluded.seconds")) {
                progress.setInt(1, last);
                progress.setObject(2, org.id());
                progress.executeUpdate();
                for (Map.Entry<String, double[]> t : times.entrySet()) {
                    time.setString(1, t.getKey());
                    time.setLong(2, (long) t.getValue()[0]);
                    time.setDouble(3, t.getValue()[1]);
                    time.executeUpdate();
                }
            }
            long started = System.nanoTime();
            c.commit();
            add(times, "commit", 0, (System.nanoTime() - started) / 1e9);
            times.forEach((name, t) -> add(written, name, (long) t[0], t[1]));
        }
    }

    private static void timed(Connection c, Map<String, double[]> times, String name, String sql)
            throws SQLException {
        long started = System.nanoTime();
        int rows;
        try (Statement s = c.createStatement()) {
            rows = s.executeUpdate(sql);
        }
        add(times, name, rows, (System.nanoTime() - started) / 1e9);
    }

    private static void add(Map<String, double[]> times, String name, long rows, double seconds) {
        double[] t = times.computeIfAbsent(name, n -> new double[2]);
        t[0] += rows;
        t[1] += seconds;
    }

    /** Folds every organization's facts (as the fold job does) and refreshes the statistics. */
    Map<String, Double> finish() throws SQLException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement()) {
            long started = System.nanoTime();
            for (Planned org : planned()) {
                s.execute("""
                        insert into analytics_fold_marks (organization_id, folded_seq)
                        select '%1$s', fold_analytics_facts('%1$s', 0)
                        on conflict (organization_id) do update set folded_seq = excluded.folded_seq
                        """.formatted(org.id()));
                s.execute("update bench_generation set folded = true where organization_id = '" + org.id() + "'");
            }
            seconds.put("fold", (System.nanoTime() - started) / 1e9);
            started = System.nanoTime();
            s.execute("vacuum analyze");
            seconds.put("vacuum analyze", (System.nanoTime() - started) / 1e9);
        }
        return seconds;
    }

    /**
     * Before measuring: folds what the server's migrations appended to the facts since the data set was generated
     * (as the fold job does within a minute of their start) and vacuums, as autovacuum does soon after, so that the
     * figures are those of a server in service, not of its first minutes after an upgrade. Answers the seconds.
     */
    double settle() throws SQLException {
        long started = System.nanoTime();
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement()) {
            for (Planned org : planned()) {
                s.execute("""
                        insert into analytics_fold_marks (organization_id, folded_seq)
                        select '%1$s', fold_analytics_facts('%1$s', coalesce((select folded_seq from analytics_fold_marks
                                                                      where organization_id = '%1$s'), 0))
                        on conflict (organization_id) do update set folded_seq = excluded.folded_seq
                        """.formatted(org.id()));
            }
            s.execute("vacuum analyze analytics_facts, leads, lead_responses, lead_tallies");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Rows and seconds per table over every run that wrote the data set. */
    Map<String, double[]> totals() throws SQLException {
        Map<String, double[]> totals = new LinkedHashMap<>();
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select name, rows, seconds from bench_generation_times")) {
            while (r.next()) {
                totals.put(r.getString(1), new double[] {r.getLong(2), r.getDouble(3)});
            }
        }
        return totals;
    }

    /** A count over the table owner's connection. */
    long count(String sql) throws SQLException {
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The rows of a query, as text. */
    List<String[]> rows(String sql) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = server.owner.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = r.getString(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static boolean tableExists(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("select to_regclass('bench_generation') is not null")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    /**
     * Each lead of the batch drawn once: its owner and branch, creation (two years, growing towards today), how far
     * it went along the pipeline (lost on the way for some, enrolled for some), and when it entered each stage (a
     * fraction to twice the previous status's SLA, compressed for recent leads so that nothing lies in the future).
     */
    private static String plan(Planned org, int first, int last) {
        return """
                create temp table bench_plan on commit drop as
                with setup as (
                  select
                    (select array_agg(id order by position) from lead_statuses
                     where organization_id = '%1$s' and not is_lost) as way,
                    (select array_agg(coalesce(sla_hours, 0) order by position) from lead_statuses
                     where organization_id = '%1$s' and not is_lost) as sla,
                    (select id from lead_statuses where organization_id = '%1$s' and is_lost limit 1) as lost_status,
                    c.ids as counselors, c.branches as counselor_branches,
                    (select array_agg(id order by name) from branches where organization_id = '%1$s') as branches,
                    (select u.id from users u where u.organization_id = '%1$s' and u.email like 'admin@%%') as admin
                  from (select array_agg(u.id order by u.email) as ids, array_agg(u.branch_id order by u.email) as branches
                        from users u
                        join user_roles ur on ur.organization_id = u.organization_id and ur.user_id = u.id
                        join roles r on r.organization_id = ur.organization_id and r.id = ur.role_id
                        where u.organization_id = '%1$s' and r.code = 'counselor') c
                ),
                drawn as (
                  select g, kk.k, s.*,
                         now() - interval '730 days' * (1 - sqrt(bench_u(kk.k, 1))) as created_at,
                         case when bench_u(kk.k, 2) >= 0.04
                              then 1 + floor(bench_u(kk.k, 3) * cardinality(s.counselors))::int end as c,
                         (array[1,1,2,3,3,4,4,5,5,5,5,6,6,6,6,7,7,8,8,8])[1 + floor(bench_u(kk.k, 4) * 20)::int]
                           as stages,
                         bench_u(kk.k, 5) < 0.3 as lost
                  from generate_series(%2$d::bigint, %3$d::bigint) g
                  cross join lateral (select g + %4$d::bigint * 10000000000 as k) kk
                  cross join setup s
                )
                select '%1$s'::uuid as organization_id, d.g, d.k, d.stages, d.created_at, d.way, d.sla, d.lost_status, d.admin,
                       uuid_v7() as id,
                       case when d.c is null
                            then d.branches[1 + floor(bench_u(d.k, 6) * cardinality(d.branches))::int]
                            else d.counselor_branches[d.c] end as branch_id,
                       d.counselors[d.c] as assigned_to,
                       coalesce(d.counselors[d.c], d.admin) as actor,
                       least(now() - d.created_at, interval '60 days') as active_span,
                       '+9198' || lpad(((d.k * 7919) %% 100000000)::text, 8, '0') as phone,
                       t.statuses, t.entered
                from drawn d
                cross join lateral (
                  select array_agg(case when j = d.stages and d.lost and d.stages between 2 and 7 then d.lost_status
                                        else d.way[j] end order by j) as statuses,
                         array_agg(d.created_at + total order by j) as entered
                  from (select j, sum(case when j = 1 then interval '0'
                                           else least((now() - d.created_at) / 9,
                                                      make_interval(hours => d.sla[j - 1])
                                                        * (0.2 + 1.2 * bench_u(d.k, 10 + j))) end)
                                    over (order by j) as total
                        from generate_series(1, d.stages) j) steps
                ) t
                """.formatted(org.id(), first, last, org.seed());
    }

    private static final String LEADS = """
            insert into leads (organization_id, id, branch_id, assigned_to, assigned_at, status_id, created_by,
                               first_name, last_name, phone, email, city, priority, engagement, source, platform, tags,
                               converted_at, deleted_at, created_at, updated_at, status_entered_at, status_sla_due_at,
                               last_contact_date, total_calls)
            select p.organization_id, p.id, p.branch_id, p.assigned_to,
                   case when p.assigned_to is not null then p.created_at end, p.statuses[p.stages], p.admin,
                   (array['Aarav','Vivaan','Ananya','Diya','Rahul','Priya','Imran','Mary','Joseph','Meera',
                          'Arjun','Kavya','Farhan','Sneha','Rohan','Isha'])[1 + p.g %% 16],
                   (array['Sharma','Verma','Kurian','Nair','Khan','Iyer','Reddy','Das','Patel','Singh','Menon',
                          'Joshi','Gupta','Thomas','Bose','Pillai','Rao','Mehta','Kapoor','Fernandes'])[1 + (p.g / 16) %% 20],
                   p.phone, 'student' || p.k || '@mail.example',
                   (array['Kochi','Delhi','Mumbai','Pune','Chennai','Jaipur'])[1 + p.g %% 6],
                   (array['hot','warm','warm','cold'])[1 + floor(bench_u(p.k, 7) * 4)::int],
                   (array['new','active','hot','inactive'])[1 + floor(bench_u(p.k, 8) * 4)::int],
                   x.source,
                   case x.source when 'facebook_ads' then (case when p.g %% 3 = 0 then 'instagram' else 'facebook' end)
                                 when 'education_fair' then 'manual' else x.source end,
                   case when p.g %% 5 = 0 then array['ielts'] when p.g %% 211 = 0 then array['vip'] else '{}' end,
                   case when p.stages = 8 then p.entered[8] end,
                   case when bench_u(p.k, 9) < 0.01 then now() end,
                   p.created_at, p.entered[p.stages], p.entered[p.stages],
                   case when p.statuses[p.stages] <> p.lost_status and p.sla[p.stages] > 0
                        then p.entered[p.stages] + make_interval(hours => p.sla[p.stages]) end,
                   p.entered[p.stages], 5
            from bench_plan p
            cross join lateral (select (array['facebook_ads','facebook_ads','facebook_ads','facebook_ads','facebook_ads',
                                              'website','website','website','website','google_ads','google_ads',
                                              'google_ads','walk_in','walk_in','referral','referral','portal','portal',
                                              'whatsapp','education_fair'])[1 + floor(bench_u(p.k, 19) * 20)::int]
                                       as source) x
            """;

    /** The j-th stage of every lead that went that far; the last one open. */
    private static final String STAGE = """
            insert into lead_stages (organization_id, lead_id, status_id, from_status_id, entered_at, exited_at,
                                     duration_seconds, sla_due_at, changed_by)
            select p.organization_id, p.id, p.statuses[%1$d], p.statuses[%1$d - 1], p.entered[%1$d],
                   p.entered[%1$d + 1], floor(extract(epoch from p.entered[%1$d + 1] - p.entered[%1$d]))::bigint,
                   case when p.statuses[%1$d] <> p.lost_status and p.sla[%1$d] > 0
                        then p.entered[%1$d] + make_interval(hours => p.sla[%1$d]) end,
                   p.actor
            from bench_plan p
            where p.stages >= %1$d
            """;

    /** The i-th activity of every lead: calls, messages, notes, meetings, follow-ups, status changes. */
    private static final String ACTIVITY = """
            insert into activities (organization_id, lead_id, user_id, activity_type, direction, description,
                                    duration_seconds, occurred_at, next_follow_up_date, priority, status, created_at,
                                    updated_at)
            select p.organization_id, p.id, p.actor, a.type,
                   case when a.type in ('call', 'whatsapp', 'email')
                        then case when bench_u(p.k, 40 + %1$d) < 0.25 then 'inbound' else 'outbound' end end,
                   'Spoke about the intake',
                   case a.type when 'call' then floor(bench_u(p.k, 50 + %1$d) * 900)::int
                               when 'meeting' then 1800 + floor(bench_u(p.k, 50 + %1$d) * 1800)::int end,
                   a.at, case when a.type = 'follow_up' then a.at + interval '3 days' end,
                   (array['low','medium','medium','high','urgent'])[1 + floor(bench_u(p.k, 60 + %1$d) * 5)::int],
                   case when bench_u(p.k, 70 + %1$d) < 0.85 then 'completed'
                        when bench_u(p.k, 70 + %1$d) < 0.95 then 'pending' else 'cancelled' end,
                   a.at, a.at
            from bench_plan p
            cross join lateral (
              select (array['call','call','call','call','call','call','whatsapp','whatsapp','whatsapp','email','email',
                            'email','note','note','note','follow_up','follow_up','meeting','status_change',
                            'status_change'])[1 + floor(bench_u(p.k, 20 + %1$d) * 20)::int] as type,
                     p.created_at + p.active_span * bench_u(p.k, 30 + %1$d) as at
            ) a
            """;

    /** The first call: an outgoing one within hours for most leads (speed to lead), missed for the others. */
    private static final String FIRST_CALL = """
            insert into call_logs (organization_id, user_id, lead_id, device_call_id, phone_number, phone_e164,
                                   call_type, duration_seconds, called_at, created_at)
            select p.organization_id, p.actor, p.id, 'c' || p.k || '-1', p.phone, p.phone, c.type,
                   case when c.type = 'missed' or bench_u(p.k, 81) < 0.2 then 0
                        else 30 + floor(bench_u(p.k, 82) * 1200)::int end,
                   c.at, c.at
            from bench_plan p
            cross join lateral (
              select case when bench_u(p.k, 80) < 0.9 then 'outgoing' else 'missed' end as type,
                     p.created_at + least(now() - p.created_at, interval '48 hours' * power(bench_u(p.k, 83), 3)) as at
            ) c
            """;

    /** The i-th call after the first, over the lead's active weeks. */
    private static final String CALL = """
            insert into call_logs (organization_id, user_id, lead_id, device_call_id, phone_number, phone_e164,
                                   call_type, duration_seconds, called_at, created_at)
            select p.organization_id, p.actor, p.id, 'c' || p.k || '-%1$d', p.phone, p.phone, c.type,
                   case when c.type in ('missed', 'rejected') or bench_u(p.k, 90 + %1$d) < 0.2 then 0
                        else 30 + floor(bench_u(p.k, 100 + %1$d) * 1200)::int end,
                   c.at, c.at
            from bench_plan p
            cross join lateral (
              select (array['outgoing','outgoing','outgoing','outgoing','outgoing','outgoing','outgoing','outgoing',
                            'outgoing','outgoing','outgoing','outgoing','incoming','incoming','incoming','incoming',
                            'missed','missed','missed','rejected'])[1 + floor(bench_u(p.k, 110 + %1$d) * 20)::int] as type,
                     p.created_at + p.active_span * bench_u(p.k, 120 + %1$d) as at
            ) c
            """;
}
