-- The follow-ups page and the dashboard's follow-up tiles list and count open tasks of one kind by due time; the
-- open-task index on leads starts with lead_id, so without this one a count walked every open task of the
-- organization (600 ms at 500,000 open tasks, 0.6 ms with it).
create index tasks_open_kind_due_idx on tasks (organization_id, kind, due_at, id) where status = 'open';

-- The figures per counselor per day (calls page, dashboard) read only these columns of a range of days' calls:
-- an index-only scan instead of a heap fetch per call.
create index call_logs_day_figures_idx on call_logs (organization_id, called_at)
    include (user_id, call_type, duration_seconds, phone_e164);
