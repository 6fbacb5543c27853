package com.educonsult.crm.identity;

/**
 * What an organization allows for call recordings: how many days an uploaded recording is kept, and how much
 * storage the organization's files may take.
 */
public record RecordingPolicy(int retentionDays, long storageQuotaBytes) {

    /** For an organization that cannot be read (never the case inside its own request). */
    static final RecordingPolicy DEFAULT = new RecordingPolicy(90, 10L * 1024 * 1024 * 1024);
}
