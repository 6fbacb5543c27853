package com.educonsult.crm.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of one-time codes per client IP, per node (the per-target limits are counted in the database and hold
 * across nodes).
 *
 * @param sendsPerIpPerHour codes one IP address may request in an hour
 * @param verificationsPerIpPerHour codes one IP address may try in an hour
 */
@ConfigurationProperties("crm.identity.otp")
record OtpProperties(
        @DefaultValue("20") int sendsPerIpPerHour,
        @DefaultValue("60") int verificationsPerIpPerHour) {
}
