package com.educonsult.crm.messaging.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this server talks to the SMS provider (MSG91, the reference DLT-compliant adapter for India).
 *
 * @param msg91Url MSG91's API base address
 * @param connectTimeout how long a call may take to connect
 * @param readTimeout how long a call may take to answer
 */
@ConfigurationProperties("crm.messaging.sms")
record SmsProperties(
        @DefaultValue("https://control.msg91.com") String msg91Url,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration readTimeout) {

    String base() {
        return msg91Url.endsWith("/") ? msg91Url.substring(0, msg91Url.length() - 1) : msg91Url;
    }
}
