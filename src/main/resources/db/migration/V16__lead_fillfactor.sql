-- Leads are updated often in place (call statistics, engagement, status, follow-up) and none of those columns
-- is indexed: free room on each page lets PostgreSQL make such updates heap-only (HOT), so the lead's thirteen
-- indexes (three of them GIN) are not touched on every synced call. Applies to pages written from now on;
-- existing tables get it at their next rewrite (VACUUM FULL or pg_repack).
alter table leads set (fillfactor = 80);
