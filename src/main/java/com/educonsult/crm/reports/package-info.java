/**
 * Reports: the report builder over a whitelist of entities, columns, filters and groupings (never SQL from a client),
 * built-in and saved templates, exports to CSV, XLSX and PDF (streamed, or written by a job to storage behind a signed
 * link that expires), schedules that mail a report through the messaging module once across nodes, and the history
 * of runs. Every report carries its caller's data scope: leads by the lead list's rule, work tables by whose work
 * the caller may see; a scheduled report runs as its owner with the owner's current permissions. The root holds what
 * the console uses: {@link com.educonsult.crm.reports.Reports}, {@link com.educonsult.crm.reports.ReportDefinition}.
 */
package com.educonsult.crm.reports;
