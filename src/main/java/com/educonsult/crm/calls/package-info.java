/**
 * Calls: the call log synced from the counselors' phones (idempotent per device call), matched to leads by
 * phone, the leads' call statistics, the organization's exclude list, and call reports; call recordings
 * (where phones keep them, upload through presigned URLs within the organization's quota, playback for those
 * who may see the lead, retention).
 */
package com.educonsult.crm.calls;
