/**
 * Activities: notes on leads, activities (things that happened: calls, emails, meetings, messages, status
 * changes, assignments; seed 03's interactions are the same records), tasks and follow-ups (things to do), the
 * lead timeline that merges them, and the engagement rule (new, active, hot, inactive) with its nightly job.
 */
package com.educonsult.crm.activities;
