package com.educonsult.crm.calls;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of call recordings that are the same for every organization; retention and storage quota are each
 * organization's own settings ({@link com.educonsult.crm.identity.RecordingPolicy}).
 *
 * @param recordingMaxSize the largest single recording accepted
 * @param uploadUrlTtl how long an upload URL stays valid
 * @param streamUrlTtl how long a playback URL stays valid
 * @param pendingUploadTimeout after how long an upload URL that was never confirmed marks the recording failed
 */
@ConfigurationProperties("crm.calls")
record RecordingSettings(
        @DefaultValue("50MB") DataSize recordingMaxSize,
        @DefaultValue("15m") Duration uploadUrlTtl,
        @DefaultValue("1h") Duration streamUrlTtl,
        @DefaultValue("24h") Duration pendingUploadTimeout) {
}
