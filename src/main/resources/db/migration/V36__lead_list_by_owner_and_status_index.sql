-- A counselor's list filtered by status, newest first (the list's default order): the owner's leads of that status
-- in creation order, so a status the owner has few or no leads in is answered at once instead of walking all of
-- the owner's leads.
create index leads_owner_status_created_idx on leads (organization_id, assigned_to, status_id, created_at desc, id desc)
  where deleted_at is null;
