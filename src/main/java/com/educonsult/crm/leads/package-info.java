/**
 * Leads and students: the organization's statuses and pipeline rules, stage history, assignment and its
 * history, tags, custom fields, duplicates and merging, import and export, search.
 */
package com.educonsult.crm.leads;
