package com.educonsult.crm.integrations.forms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Website and portal forms.
 *
 * @param maxSubmissionBytes the largest submission body taken; larger ones are refused with 413
 * @param submissionRetentionDays how long the record of each submission is kept for the console
 * @param cacheTtl how long a node keeps what it read of a form for the public endpoint (a change made on another
 *        node is seen after at most this long)
 */
@ConfigurationProperties("crm.integrations.forms")
record FormsProperties(
        @DefaultValue("65536") int maxSubmissionBytes,
        @DefaultValue("90") int submissionRetentionDays,
        @DefaultValue("15s") Duration cacheTtl) {
}
