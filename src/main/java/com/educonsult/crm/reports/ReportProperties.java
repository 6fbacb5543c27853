package com.educonsult.crm.reports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reports.
 *
 * @param fileTtl how long an exported or mailed report file, and its signed download link, stays available
 * @param schedulePollInterval how often each node looks for due report schedules (each is sent once across nodes)
 * @param maxExportRows the most rows one export writes
 * @param filePurgeInterval how often expired report files are deleted from storage (by one node at a time)
 */
@ConfigurationProperties("crm.reports")
public record ReportProperties(
        @DefaultValue("7d") Duration fileTtl,
        @DefaultValue("1m") Duration schedulePollInterval,
        @DefaultValue("1000000") int maxExportRows,
        @DefaultValue("1h") Duration filePurgeInterval) {
}
