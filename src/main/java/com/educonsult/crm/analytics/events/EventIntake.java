package com.educonsult.crm.analytics.events;

import com.educonsult.crm.analytics.events.EventBatch.Channel;
import com.educonsult.crm.analytics.events.EventBatch.NewEvent;
import com.educonsult.crm.platform.ratelimit.RateLimitProperties;
import com.educonsult.crm.platform.ratelimit.RateLimiter;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Who may record events and how many: a console user (or API key) with {@code analytics:track}, counted by the
 * platform's per-user limits; or a website page carrying the organization's public key, from one of the key's
 * origins, held to the key's per-address limit and the organization's overall limit (shared by all nodes).
 */
@Component
class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

    /** Over a limit: the answer is 429 with Retry-After. */
    static final class RetryLater extends ApiException {
        private final long seconds;

        RetryLater(long seconds) {
            super(HttpStatus.TOO_MANY_REQUESTS, "Too many events; retry after " + seconds + " seconds");
            this.seconds = seconds;
        }

        long seconds() {
            return seconds;
        }
    }

    private final AnalyticsEvents events;
    private final PublicKeys keys;
    private final RateLimiter limiter;
    private final RateLimitProperties rateLimits;
    private final EventsProperties properties;
    private final Clock clock;

    EventIntake(AnalyticsEvents events, PublicKeys keys, RateLimiter limiter, RateLimitProperties rateLimits,
            EventsProperties properties, Clock clock) {
        this.events = events;
        this.keys = keys;
        this.limiter = limiter;
        this.rateLimits = rateLimits;
        this.properties = properties;
        this.clock = clock;
    }

    AnalyticsEvents.RecordResult record(JsonNode body, String key, HttpServletRequest request) {
        String userAgent = truncated(request.getHeader("User-Agent"));
        if (key != null) {
            return fromWebsite(body, key, request, userAgent);
        }
        CurrentUser user = Authenticated.current()
                .orElseThrow(() -> ApiException.unauthorized("Authentication or a public key is required"));
        if (!user.can("analytics:track")) {
            throw ApiException.forbidden("Missing permission analytics:track");
        }
        List<NewEvent> batch = EventBatch.read(body, properties, Channel.CONSOLE, user.userId(), clock.instant());
        return events.record(user.organizationId(), batch, Channel.CONSOLE, userAgent);
    }

    private AnalyticsEvents.RecordResult fromWebsite(JsonNode body, String key, HttpServletRequest request,
            String userAgent) {
        String address = request.getRemoteAddr();
        PublicKeys.SiteKey site = keys.find(key).orElse(null);
        if (site == null) {
            // guessing keys costs a lookup each: held to the platform's limit for public endpoints
            limit("ip:" + address + ":analytics/events", rateLimits.publicPerIpPerMinute());
            throw ApiException.unauthorized("Unknown public key");
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !site.allows(origin)) {
            throw ApiException.forbidden("Events are not accepted with this key from " + origin);
        }
        limit("analytics-events:" + site.organizationId() + ":ip:" + address, site.perIpPerMinute());
        limit("analytics-events:" + site.organizationId(), properties.websitePerKeyPerMinute());
        List<NewEvent> batch = EventBatch.read(body, properties, Channel.WEBSITE, null, clock.instant());
        return events.record(site.organizationId(), batch, Channel.WEBSITE, userAgent);
    }

    private void limit(String bucket, int perMinute) {
        RateLimiter.Decision decision;
        try {
            decision = limiter.consume(bucket, perMinute);
        } catch (RuntimeException e) {
            log.warn("Analytics events rate limit not applied: the buckets could not be read", e);
            return;
        }
        if (!decision.allowed()) {
            throw new RetryLater(decision.retryAfterSeconds());
        }
    }

    private static String truncated(String userAgent) {
        return userAgent == null || userAgent.isBlank() ? null
                : userAgent.length() > 500 ? userAgent.substring(0, 500) : userAgent;
    }
}
