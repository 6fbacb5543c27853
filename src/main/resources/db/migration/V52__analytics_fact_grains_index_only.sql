-- The coarser lead grains (V48) are read a few hundred rows a day of a range, every column a read may need in the
-- index: an index-only scan instead of one heap page a row. Vacuumed soon after their rows change, so that the
-- pages of past days are all-visible and the scan stays index-only (the fold rewrites only the days it touched).
create index analytics_facts_lead_grains_idx on analytics_facts (organization_id, metric, grain, day)
  include (branch_id, owner_id, status_id, source, platform, n, total, met)
  where grain > 0;

alter table analytics_facts set (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.01,
                                 autovacuum_analyze_scale_factor = 0.02);
