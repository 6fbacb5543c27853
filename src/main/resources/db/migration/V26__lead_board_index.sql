-- The pipeline board: each column lists the leads of one status, latest to enter it first, a page at a time
-- (LeadBoard). One index range per column instead of sorting every lead of the status; it starts with the same
-- columns as leads_status_idx, which it replaces, so a write of a lead still maintains one index for its status.
-- A status change already moves the lead in the status index, so entering a status costs no extra heap-only miss.
create index leads_status_entered_idx on leads (organization_id, status_id, status_entered_at desc, id desc)
  where deleted_at is null;
drop index leads_status_idx;
