package com.educonsult.crm.integrations.meta;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.platform.web.ProviderHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way this server calls Meta's Graph API: every call has the configured connect and read timeouts, goes
 * into the integration log of the organization it is made for (tokens and secrets redacted), and a failure
 * becomes a {@link GraphException} saying what went wrong in words an admin can act on.
 */
@Component
class GraphClient {

    private final MetaProperties properties;
    private final IntegrationLog log;
    private final JsonMapper json;
    private final HttpClient http;

    GraphClient(MetaProperties properties, IntegrationLog log, JsonMapper json) {
        this.properties = properties;
        this.log = log;
        this.json = json;
        this.http = ProviderHttp.client(properties.connectTimeout());
    }

    /** A Graph call that failed: the HTTP status (0 when there was no answer) and Meta's message. */
    static final class GraphException extends RuntimeException {
        private final int status;

        GraphException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    JsonNode get(UUID organizationId, String path, Map<String, String> query, String token) {
        return call("GET", path, query, token, logTo(organizationId));
    }

    /** A GET whose log entry goes to the given batch (written by its owner) rather than straight to the log. */
    JsonNode get(String path, Map<String, String> query, String token, IntegrationLog.Batch logBatch) {
        return call("GET", path, query, token, logBatch);
    }

    JsonNode post(UUID organizationId, String path, Map<String, String> query, String token) {
        return call("POST", path, query, token, logTo(organizationId));
    }

    /** Calls made for no organization yet (exchanging a code before a page is chosen) are not logged. */
    private Consumer<IntegrationLog.Entry> logTo(UUID organizationId) {
        return organizationId == null ? entry -> { } : entry -> log.record(organizationId, entry);
    }

    private JsonNode call(String method, String path, Map<String, String> query, String token,
            Consumer<IntegrationLog.Entry> record) {
        String url = properties.graphBase() + path + queryString(query);
        IntegrationLog.Entry entry = IntegrationLog.Entry.outbound(IntegrationType.FACEBOOK, method, url);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.readTimeout())
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, HttpRequest.BodyPublishers.noBody());
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            String reason = "The Graph API did not answer within " + properties.readTimeout().toMillis() + " ms";
            record.accept(entry.took(millis(started)).failed(reason));
            throw new GraphException(0, reason);
        } catch (IOException e) {
            String reason = "The Graph API could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
            record.accept(entry.took(millis(started)).failed(reason));
            throw new GraphException(0, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(0, "Interrupted while calling the Graph API");
        }
        long took = millis(started);
        String body = response.body();
        JsonNode parsed = parse(body);
        if (response.statusCode() >= 400 || parsed == null) {
            String reason = "The Graph API answered " + response.statusCode() + ": " + message(parsed, body);
            record.accept(entry.answered(response.statusCode(), body, took).failed(reason));
            throw new GraphException(response.statusCode(), reason);
        }
        record.accept(entry.answered(response.statusCode(), body, took));
        return parsed;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String message(JsonNode parsed, String body) {
        if (parsed != null && parsed.path("error").path("message").isString()) {
            return parsed.path("error").path("message").asString();
        }
        if (body == null || body.isBlank()) {
            return "no body";
        }
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return new LinkedHashMap<>(query).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
