-- The dashboard's arrivals (new today, this week, and this month by source) in one index-only pass: live leads by
-- creation time, carrying what the figures and every data scope read.
create index leads_live_created_idx on leads (organization_id, created_at)
  include (source, branch_id, assigned_to) where deleted_at is null;

-- The wider checks of V31, validated without blocking reads and writes.
alter table leads validate constraint leads_platform_check;
alter table activities validate constraint activities_activity_type_check;
