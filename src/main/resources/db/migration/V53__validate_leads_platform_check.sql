-- The check of V38 (WhatsApp among the lead platforms) was added without reading the table; every row written since
-- has been checked by it and every older row by the narrower check of V31, validated in V35. Validating it reads
-- the table under a lock that lets reads and writes go on.
alter table leads validate constraint leads_platform_check;
