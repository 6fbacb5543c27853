#!/usr/bin/env bash
# The analytics endpoints at a consultancy's largest size (not a test). Arguments: a data directory (the generated
# PostgreSQL is kept there and reused when it exists; an interrupted generation resumes) and the large
# organization's leads (default 1000000; each with on average 5 stages, 10 activities and 5 calls; 50 small
# organizations beside it). Generation runs at the lowest priority; then every endpoint of the table below is timed
# for an admin, a manager and a counselor, warm and cold, beside its plain SQL over the base tables.
#
# Settings (environment): BENCH_STEPS (generate,measure), BENCH_ROUNDS (20 warm requests), BENCH_COLD_ROUNDS (3),
# BENCH_PLAIN_ROUNDS (as BENCH_ROUNDS: warm runs of each plain SQL), BENCH_BUDGET_SECONDS (20: a warm measurement
# stops early past it, after 3 rounds at least), BENCH_RANGE_DAYS (90: date_from is that many days before date_to,
# today), BENCH_BATCH (100000 leads per batch, the largest statement),
# BENCH_SMALL_ORGANIZATIONS (50), BENCH_GENERATE_UNTIL (epoch seconds: generation stops after the batch it is writing
# then, and the data set is what was written; an unset or 0 deadline writes everything).
set -euo pipefail
cd "$(dirname "$0")/.."
directory=$(realpath -m "${1:?usage: bench/analytics.sh DATA_DIRECTORY [LEADS]}")
leads=${2:-1000000}
steps=${BENCH_STEPS:-generate,measure}
endpoints=$(mktemp)
trap 'rm -f "$endpoints"' EXIT

# One endpoint a line: METHOD PATH [JSON BODY] | the plain SQL computing the same figure from the base tables.
# Placeholders: {from} {to} (the range's days), {start} {end} (its bounds as timestamptz in the organization's time
# zone), {zone}, {org}, {branch} (the manager's), {counselor} (the counselor's id), {status} (contacted), {lead_scope}
# (the caller's leads, a condition on leads aliased l), {users} (the caller's users, a parenthesized list).
# Endpoints that answer 404 are not built yet and are skipped.
cat > "$endpoints" <<'TABLE'
GET /api/v1/dashboard | select l.status_id, l.source, count(*), count(*) filter (where l.created_at >= now() - interval '7 days'), count(l.converted_at) from leads l where l.organization_id = '{org}' and l.deleted_at is null and {lead_scope} group by grouping sets ((l.status_id), (l.source), ())
GET /api/v1/analytics/dashboard?date_from={from}&date_to={to} | select count(*), count(l.converted_at), count(*) filter (where l.status_id = '{status}') from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= {start} and l.created_at < {end} and {lead_scope}
GET /api/v1/analytics/dashboard?range=30d | select count(*), count(l.converted_at) from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= now() - interval '60 days' and {lead_scope} group by l.created_at >= now() - interval '30 days'
GET /api/v1/analytics/kpis?date_from={from}&date_to={to} | select (select count(*) from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= {start} and l.created_at < {end} and {lead_scope}), (select count(*) from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.converted_at >= {start} and l.converted_at < {end} and {lead_scope}), (select count(*) filter (where c.duration_seconds > 0) from call_logs c where c.organization_id = '{org}' and c.called_at >= {start} and c.called_at < {end} and c.user_id in {users})
GET /api/v1/analytics/leads?date_from={from}&date_to={to} | select l.status_id, l.source, count(*) from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= {start} and l.created_at < {end} and {lead_scope} group by 1, 2
GET /api/v1/analytics/lead-volume?date_from={from}&date_to={to}&granularity=week | select date_trunc('week', l.created_at at time zone '{zone}'), count(*) from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= {start} and l.created_at < {end} and {lead_scope} group by 1
GET /api/v1/analytics/time-based?group_by=day&date_from={from}&date_to={to} | select (l.created_at at time zone '{zone}')::date, count(*), count(l.converted_at) from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= {start} and l.created_at < {end} and {lead_scope} group by 1
GET /api/v1/analytics/platforms?date_from={from}&date_to={to} | select l.platform, count(*), count(l.converted_at) from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= {start} and l.created_at < {end} and {lead_scope} group by 1
GET /api/v1/analytics/conversion-by-source?date_from={from}&date_to={to} | select l.source, count(*), count(l.converted_at) from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= {start} and l.created_at < {end} and {lead_scope} group by 1
GET /api/v1/analytics/funnel?date_from={from}&date_to={to} | select s.status_id, count(distinct s.lead_id) from lead_stages s join leads l on l.organization_id = s.organization_id and l.id = s.lead_id where s.organization_id = '{org}' and l.deleted_at is null and l.created_at >= {start} and l.created_at < {end} and {lead_scope} group by 1
GET /api/v1/analytics/users?date_from={from}&date_to={to} | select x.u, sum(x.leads), sum(x.calls) from (select l.assigned_to as u, count(*) as leads, 0 as calls from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= {start} and l.created_at < {end} and {lead_scope} group by 1 union all select c.user_id, 0, count(*) from call_logs c where c.organization_id = '{org}' and c.called_at >= {start} and c.called_at < {end} and c.user_id in {users} group by 1) x group by 1
GET /api/v1/analytics/counselor-performance?date_from={from}&date_to={to} | with calls as (select c.user_id, count(*) as calls, sum(c.duration_seconds) as talk, count(*) filter (where c.duration_seconds > 0 and c.call_type in ('incoming', 'outgoing')) as connected from call_logs c where c.organization_id = '{org}' and c.called_at >= {start} and c.called_at < {end} and c.user_id in {users} group by 1), leads as (select l.assigned_to, count(*) as leads, count(l.converted_at) as converted, percentile_cont(0.5) within group (order by extract(epoch from r.first_at - l.created_at)) as first_response from leads l left join lateral (select min(c.called_at) as first_at from call_logs c where c.organization_id = l.organization_id and c.lead_id = l.id and c.call_type = 'outgoing') r on true where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= {start} and l.created_at < {end} and {lead_scope} group by 1) select * from calls full join leads on leads.assigned_to = calls.user_id
GET /api/v1/analytics/activities?date_from={from}&date_to={to} | select a.activity_type, count(*), count(*) filter (where a.status = 'completed') from activities a where a.organization_id = '{org}' and a.occurred_at >= {start} and a.occurred_at < {end} and a.user_id in {users} group by 1
GET /api/v1/analytics/sla-compliance?date_from={from}&date_to={to} | select s.status_id, count(*) filter (where s.exited_at <= s.sla_due_at), count(*) from lead_stages s where s.organization_id = '{org}' and s.exited_at >= {start} and s.exited_at < {end} and s.sla_due_at is not null and s.changed_by in {users} group by 1
GET /api/v1/analytics/alerts | select (select count(*) from lead_stages s join leads l on l.organization_id = s.organization_id and l.id = s.lead_id where s.organization_id = '{org}' and s.exited_at is null and s.sla_due_at < now() and l.deleted_at is null and {lead_scope}), (select count(*) from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.next_follow_up_date < now() and {lead_scope}), (select count(*) from (select l.assigned_to from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.converted_at is null and {lead_scope} group by 1 having count(*) > 500) o), (select count(*) from (select l.source from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= now() - interval '14 days' and {lead_scope} group by 1 having count(*) filter (where l.created_at >= now() - interval '7 days') < 0.7 * count(*) filter (where l.created_at < now() - interval '7 days')) d)
GET /api/v1/stages/performance-metrics?date_from={from}&date_to={to} | select s.status_id, count(*), avg(s.duration_seconds) from lead_stages s where s.organization_id = '{org}' and s.exited_at >= {start} and s.exited_at < {end} and s.changed_by in {users} group by 1
GET /api/v1/stages/user-performance?date_from={from}&date_to={to} | select s.changed_by, count(*), avg(s.duration_seconds), count(*) filter (where s.exited_at <= s.sla_due_at) from lead_stages s where s.organization_id = '{org}' and s.exited_at >= {start} and s.exited_at < {end} and s.changed_by in {users} group by 1
GET /api/v1/stages/transition-matrix?date_from={from}&date_to={to} | select s.from_status_id, s.status_id, count(*) from lead_stages s where s.organization_id = '{org}' and s.entered_at >= {start} and s.entered_at < {end} and s.changed_by in {users} group by 1, 2
GET /api/v1/stages/sla-violations?date_from={from}&date_to={to} | select s.status_id, count(*) from lead_stages s where s.organization_id = '{org}' and s.exited_at >= {start} and s.exited_at < {end} and s.exited_at > s.sla_due_at and s.changed_by in {users} group by 1
GET /api/v1/stages/conversion-rates?date_from={from}&date_to={to} | select s.status_id, count(*), count(s.exited_at) from lead_stages s where s.organization_id = '{org}' and s.entered_at >= {start} and s.entered_at < {end} and s.changed_by in {users} group by 1
GET /api/v1/stages/summary?date_from={from}&date_to={to} | select s.status_id, count(*), count(*) filter (where s.exited_at is null) from lead_stages s where s.organization_id = '{org}' and s.entered_at >= {start} and s.entered_at < {end} and s.changed_by in {users} group by 1
GET /api/v1/stages/status-statistics?date_from={from}&date_to={to} | select l.status_id, count(*), avg(extract(epoch from now() - l.status_entered_at)) from leads l where l.organization_id = '{org}' and l.deleted_at is null and {lead_scope} group by 1
GET /api/v1/stages/sla-compliance?date_from={from}&date_to={to} | select s.status_id, count(*) filter (where s.exited_at <= s.sla_due_at), count(*) from lead_stages s where s.organization_id = '{org}' and s.exited_at >= {start} and s.exited_at < {end} and s.sla_due_at is not null and s.changed_by in {users} group by 1
GET /api/v1/stages/workflow-efficiency?date_from={from}&date_to={to} | select count(*), avg(extract(epoch from l.converted_at - l.created_at)) from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.converted_at >= {start} and l.converted_at < {end} and {lead_scope}
GET /api/v1/stages/bottleneck-analysis?date_from={from}&date_to={to} | select s.status_id, avg(s.duration_seconds), count(*) filter (where s.exited_at > s.sla_due_at) from lead_stages s where s.organization_id = '{org}' and s.exited_at >= {start} and s.exited_at < {end} and s.changed_by in {users} group by 1
GET /api/v1/activities/user-performance?date_from={from}&date_to={to} | select a.user_id, a.activity_type, count(*), count(*) filter (where a.status = 'completed') from activities a where a.organization_id = '{org}' and a.occurred_at >= {start} and a.occurred_at < {end} and a.user_id in {users} group by 1, 2
GET /api/v1/activities/priority-distribution?date_from={from}&date_to={to} | select a.priority, count(*) from activities a where a.organization_id = '{org}' and a.occurred_at >= {start} and a.occurred_at < {end} and a.user_id in {users} group by 1
POST /api/v1/reports/build {"definition": {"entity": "leads", "group_by": ["source"], "aggregations": [{"function": "count"}], "date_from": "{from}", "date_to": "{to}"}} | select l.source, count(*) from leads l where l.organization_id = '{org}' and l.deleted_at is null and l.created_at >= {start} and l.created_at < {end} and {lead_scope} group by 1
TABLE

mvn -B -q test-compile
if [[ $steps == *generate* ]]; then
  nice -n 19 mvn -B -q -o validate exec:exec@analytics -Dbench.mode=generate -Dbench.dir="$directory" -Dbench.arg="$leads"
fi
if [[ $steps == *measure* ]]; then
  mvn -B -q -o validate exec:exec@analytics -Dbench.mode=measure -Dbench.dir="$directory" -Dbench.arg="$endpoints"
fi
