package com.educonsult.crm.platform.ratelimit;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request limits, in requests per minute, shared by all nodes.
 *
 * @param enabled whether limits apply at all
 * @param perUserPerMinute requests one user may make with access tokens
 * @param perApiKeyPerMinute requests one API key may make
 * @param publicPerIpPerMinute requests one client address may make to one public endpoint (login, registration,
 *        OTP, token refresh, webhooks), counted per endpoint
 * @param plans per subscription plan (the organization's {@code subscription_plan}), limits that replace the two
 *        per-caller defaults; a plan not listed uses the defaults
 * @param exemptAddresses client addresses the per-address limits never apply to (health probes, an office gateway)
 * @param unlimitedPaths public paths the generic per-address limit skips (a prefix ends in a slash): Meta's lead ads
 *        webhook checks a signature of its own and Meta posts from a few addresses at its own rate; website and
 *        portal forms apply each form's own per-address and per-form limits, and Google posts from a few addresses;
 *        the inbound-mail webhook is found by a secret token and a mail provider posts every reply from a few
 *        addresses; analytics events sent from websites are held to their public key's own limits
 */
@ConfigurationProperties("crm.rate-limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("600") int perUserPerMinute,
        @DefaultValue("1200") int perApiKeyPerMinute,
        @DefaultValue("20") int publicPerIpPerMinute,
        @DefaultValue Map<String, Plan> plans,
        @DefaultValue List<String> exemptAddresses,
        @DefaultValue({"/webhooks/facebook", "/webhooks/forms/", "/webhooks/email/", "/api/v1/analytics/events"}) List<String> unlimitedPaths) {

    /** A plan's limits; an absent value falls back to the default. */
    public record Plan(Integer perUserPerMinute, Integer perApiKeyPerMinute) {
    }

    int perUserPerMinute(String plan) {
        Plan limits = plan == null ? null : plans.get(plan);
        return limits != null && limits.perUserPerMinute() != null ? limits.perUserPerMinute() : perUserPerMinute;
    }

    int perApiKeyPerMinute(String plan) {
        Plan limits = plan == null ? null : plans.get(plan);
        return limits != null && limits.perApiKeyPerMinute() != null ? limits.perApiKeyPerMinute() : perApiKeyPerMinute;
    }
}
