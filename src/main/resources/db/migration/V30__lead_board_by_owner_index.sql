-- A counselor's board and their list filtered by a status: their leads of one status, newest in the status first.
-- With only the organization-wide status index, a column walked every lead of the status to find the few of one
-- owner (3 s for a counselor's board at 1,000,000 leads).
create index leads_owner_status_entered_idx on leads (organization_id, assigned_to, status_id, status_entered_at desc, id desc)
  where deleted_at is null;
