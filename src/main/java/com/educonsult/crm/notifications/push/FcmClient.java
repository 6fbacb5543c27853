package com.educonsult.crm.notifications.push;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationType;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Firebase Cloud Messaging's HTTP v1 API: an OAuth2 access token got by a JWT assertion signed with the service
 * account's key (RS256) at its token endpoint, cached until shortly before it expires; then one
 * {@code POST /v1/projects/{project}/messages:send} per device token. Each call is written to the integration log.
 */
class FcmClient {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    /** A token is used until this long before it expires. */
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);

    private final ServiceAccount account;
    private final String fcmUrl;
    private final HttpClient http;
    private final Duration readTimeout;
    private final FcmAccessTokens tokens;
    private final IntegrationLog log;
    private final JsonMapper json;
    private final Clock clock;

    FcmClient(ServiceAccount account, String fcmUrl, HttpClient http, Duration readTimeout, FcmAccessTokens tokens,
            IntegrationLog log, JsonMapper json, Clock clock) {
        this.account = account;
        this.fcmUrl = fcmUrl.endsWith("/") ? fcmUrl.substring(0, fcmUrl.length() - 1) : fcmUrl;
        this.http = http;
        this.readTimeout = readTimeout;
        this.tokens = tokens;
        this.log = log;
        this.json = json;
        this.clock = clock;
    }

    /** The JSON of the message to one device, as sent. */
    String body(String deviceToken, PushMessage message) {
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("title", message.title());
        if (message.body() != null) {
            notification.put("body", message.body());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", deviceToken);
        body.put("notification", notification);
        body.put("data", message.data());
        body.put("android", Map.of("priority",
                "high".equals(message.priority()) || "urgent".equals(message.priority()) ? "high" : "normal"));
        return json.writeValueAsString(Map.of("message", body));
    }

    PushOutcome send(UUID organizationId, String deviceToken, PushMessage message) {
        String accessToken;
        try {
            accessToken = accessToken(organizationId);
        } catch (TokenRefused e) {
            return new PushOutcome(PushOutcome.Result.RETRY, e.status, e.getMessage(), null);
        }
        String url = fcmUrl + "/v1/projects/" + account.projectId() + "/messages:send";
        String body = body(deviceToken, message);
        IntegrationLog.Entry entry = IntegrationLog.Entry.outbound(IntegrationType.PUSH, "POST", url).sent(body);
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(readTimeout)
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String error = "FCM could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
            log.record(organizationId, entry.failed(error).took(millisSince(started)));
            return new PushOutcome(PushOutcome.Result.RETRY, null, error, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PushOutcome(PushOutcome.Result.RETRY, null, "Interrupted", null);
        }
        log.record(organizationId, entry.answered(response.statusCode(), response.body(), millisSince(started)));
        return outcome(response);
    }

    private PushOutcome outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return PushOutcome.sent(status);
        }
        String errorCode = null;
        String message = null;
        boolean aboutToken = false;
        try {
            JsonNode error = json.readTree(response.body()).path("error");
            message = error.path("message").asString(null);
            errorCode = error.path("status").asString(null);
            for (JsonNode detail : error.path("details")) {
                if (detail.path("@type").asString("").endsWith("google.firebase.fcm.v1.FcmError")
                        && detail.hasNonNull("errorCode")) {
                    errorCode = detail.get("errorCode").asString();
                }
                for (JsonNode violation : detail.path("fieldViolations")) {
                    if ("message.token".equals(violation.path("field").asString(""))) {
                        aboutToken = true;
                    }
                }
            }
        } catch (RuntimeException ignored) {
            // not JSON: classified by the status alone
        }
        String error = "FCM answered " + status + (errorCode == null ? "" : " " + errorCode)
                + (message == null ? "" : ": " + message);
        if (message != null && message.toLowerCase(Locale.ROOT).contains("registration token")) {
            aboutToken = true;
        }
        if ("UNREGISTERED".equals(errorCode) || status == 404
                || ("INVALID_ARGUMENT".equals(errorCode) && aboutToken)) {
            return new PushOutcome(PushOutcome.Result.TOKEN_GONE, status, error, null);
        }
        if (status == 401) {
            tokens.forget(account.cacheKey());
            return new PushOutcome(PushOutcome.Result.RETRY, status, error, null);
        }
        if (status == 429 || status >= 500) {
            return new PushOutcome(PushOutcome.Result.RETRY, status, error,
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        return new PushOutcome(PushOutcome.Result.REJECTED, status, error, null);
    }

    /** The cached access token, or a new one from the token endpoint. */
    String accessToken(UUID organizationId) {
        Instant now = clock.instant();
        FcmAccessTokens.Cached cached = tokens.get(account.cacheKey(), now);
        if (cached != null) {
            return cached.token();
        }
        synchronized (tokens) {
            cached = tokens.get(account.cacheKey(), now);
            if (cached != null) {
                return cached.token();
            }
            FcmAccessTokens.Cached fresh = requestToken(organizationId, now);
            tokens.put(account.cacheKey(), fresh);
            return fresh.token();
        }
    }

    private FcmAccessTokens.Cached requestToken(UUID organizationId, Instant now) {
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer",
                StandardCharsets.UTF_8) + "&assertion=" + URLEncoder.encode(assertion(now), StandardCharsets.UTF_8);
        IntegrationLog.Entry entry = IntegrationLog.Entry.outbound(IntegrationType.PUSH, "POST", account.tokenUri())
                .sent("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=[redacted]");
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(account.tokenUri()))
                    .timeout(readTimeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.record(organizationId, entry.failed("The token endpoint could not be reached: " + e.getMessage())
                    .took(millisSince(started)));
            throw new TokenRefused(null, "The token endpoint could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRefused(null, "Interrupted");
        }
        log.record(organizationId, entry.answered(response.statusCode(), "[access token redacted]",
                millisSince(started)));
        if (response.statusCode() != 200) {
            throw new TokenRefused(response.statusCode(), "The token endpoint answered " + response.statusCode());
        }
        try {
            JsonNode body = json.readTree(response.body());
            String token = body.path("access_token").asString(null);
            long expiresIn = body.path("expires_in").asLong(3600);
            if (token == null) {
                throw new TokenRefused(200, "The token endpoint answered without an access_token");
            }
            Instant usableUntil = now.plusSeconds(expiresIn).minus(EXPIRY_MARGIN);
            return new FcmAccessTokens.Cached(token, usableUntil.isAfter(now) ? usableUntil : now.plusSeconds(expiresIn / 2));
        } catch (TokenRefused e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TokenRefused(200, "The token endpoint's answer is not JSON");
        }
    }

    /** The JWT assertion: the service account asks for the messaging scope for an hour, signed with RS256. */
    private String assertion(Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(account.clientEmail())
                .subject(account.clientEmail())
                .audience(account.tokenUri())
                .claim("scope", SCOPE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
        if (account.privateKeyId() != null) {
            header.keyID(account.privateKeyId());
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(new RSASSASigner(account.privateKey()));
        } catch (JOSEException e) {
            throw new TokenRefused(null, "The assertion could not be signed: " + e.getMessage());
        }
        return jwt.serialize();
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** The token endpoint did not give a token. */
    static final class TokenRefused extends RuntimeException {
        final Integer status;

        TokenRefused(Integer status, String message) {
            super(message);
            this.status = status;
        }
    }
}
