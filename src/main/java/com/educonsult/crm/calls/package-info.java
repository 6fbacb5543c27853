/**
 * Calls: the call log synced from the counselors' phones (idempotent per device call), matched to leads by
 * phone, the leads' call statistics, the organization's exclude list, and call reports.
 */
package com.educonsult.crm.calls;
