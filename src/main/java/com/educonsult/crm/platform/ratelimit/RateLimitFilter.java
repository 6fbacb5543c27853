package com.educonsult.crm.platform.ratelimit;

import com.educonsult.crm.platform.TenantDirectory;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ErrorWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the rate limits to the API ({@code /api/}) and the webhooks ({@code /webhooks/}): a request with
 * credentials counts against its user or API key (limits by the organization's plan), one without against its
 * client address and endpoint. Every limited answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining}
 * and {@code RateLimit-Reset} (seconds until the bucket is full); over the limit the answer is 429 with
 * {@code Retry-After}. If the bucket table cannot be reached the request passes unlimited: the limits protect the
 * service, they must not stop it.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final TenantDirectory tenants;
    private final ErrorWriter errorWriter;
    private final Cache<UUID, Optional<String>> plans = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    public RateLimitFilter(RateLimiter limiter, RateLimitProperties properties, TenantDirectory tenants,
            ErrorWriter errorWriter) {
        this.limiter = limiter;
        this.properties = properties;
        this.tenants = tenants;
        this.errorWriter = errorWriter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !properties.enabled() || !(path.startsWith("/api/") || path.startsWith("/webhooks/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<RateLimiter.Decision> decision = decide(request);
        if (decision.isPresent()) {
            RateLimiter.Decision limit = decision.get();
            response.setHeader(LIMIT, Integer.toString(limit.limit()));
            response.setHeader(REMAINING, Long.toString(limit.remaining()));
            response.setHeader(RESET, Long.toString(limit.resetSeconds()));
            if (!limit.allowed()) {
                response.setHeader("Retry-After", Long.toString(limit.retryAfterSeconds()));
                errorWriter.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
                        "Too many requests; retry after " + limit.retryAfterSeconds() + " seconds", List.of());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private Optional<RateLimiter.Decision> decide(HttpServletRequest request) {
        try {
            Optional<CurrentUser> user = Authenticated.current();
            if (user.isPresent()) {
                return Optional.of(forCaller(user.get()));
            }
            String address = request.getRemoteAddr();
            if (properties.exemptAddresses().contains(address) || unlimited(path(request))) {
                return Optional.empty();
            }
            return Optional.of(limiter.consume("ip:" + address + ":" + endpoint(path(request)),
                    properties.publicPerIpPerMinute()));
        } catch (RuntimeException e) {
            log.warn("Rate limit not applied: the buckets could not be read", e);
            return Optional.empty();
        }
    }

    private RateLimiter.Decision forCaller(CurrentUser user) {
        String plan = plans.get(user.organizationId(), tenants::planOf).orElse(null);
        if (user.apiKeyId() != null) {
            return limiter.consume("apikey:" + user.apiKeyId(), properties.perApiKeyPerMinute(plan));
        }
        return limiter.consume("user:" + user.userId(), properties.perUserPerMinute(plan));
    }

    /** The endpoint a per-address bucket counts: the first two segments after the API version (or of a webhook). */
    static String endpoint(String path) {
        String rest = path.startsWith("/api/v1/") ? path.substring("/api/v1/".length()) : path.substring(1);
        String[] segments = rest.split("/", 3);
        return segments.length >= 2 ? segments[0] + "/" + segments[1] : segments[0];
    }

    /** A path the per-address limit skips: listed as is, or under a listed prefix ending in a slash. */
    private boolean unlimited(String path) {
        return properties.unlimitedPaths().stream()
                .anyMatch(listed -> listed.endsWith("/") ? path.startsWith(listed) : path.equals(listed));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
