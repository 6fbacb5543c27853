-- The lead list filtered by engagement (new, active, hot, inactive), newest first as the list orders by default,
-- and its total: one index range per engagement instead of reading every lead of the organization.
-- Updates stay heap-only (see V16) unless a lead's engagement actually changes, which happens at most when the
-- engagement job or an interaction moves it to another level, not on every synced call.
create index leads_engagement_idx on leads (organization_id, engagement, created_at desc, id desc)
  where deleted_at is null;
