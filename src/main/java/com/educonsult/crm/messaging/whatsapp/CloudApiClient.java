package com.educonsult.crm.messaging.whatsapp;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one way this server calls the WhatsApp Cloud API: one HTTP client with the configured timeouts, every call
 * in the organization's integration log (the access token never is), and every answer turned into what the
 * sender should do next: done (with WhatsApp's message id), try again later, or give up with a reason.
 */
@Component
class CloudApiClient {

    /** Error codes of the Cloud API that go away by themselves: rate limits, throughput, temporary failures. */
    private static final Set<Integer> RETRYABLE_CODES = Set.of(1, 2, 4, 17, 32, 613, 80007, 130429, 131000, 131016,
            131048, 131056, 133004);

    /** What a send came to. */
    record Result(Kind kind, String messageId, String error, Integer errorCode) {
        enum Kind { SENT, RETRY, REJECTED }

        static Result sent(String messageId) {
            return new Result(Kind.SENT, messageId, null, null);
        }

        static Result retry(String error, Integer code) {
            return new Result(Kind.RETRY, null, error, code);
        }

        static Result rejected(String error, Integer code) {
            return new Result(Kind.REJECTED, null, error, code);
        }
    }

    /** A call that did not work: the HTTP status (0 without an answer), the Cloud API's error code and message. */
    static final class CloudException extends RuntimeException {
        private final int status;

        CloudException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** A text, template or media message to one number (E.164 or digits). */
    record Message(String to, String text, String templateName, String templateLanguage, List<String> parameters,
            String mediaKind, String mediaUrl, String mediaFileName, String caption) {

        static Message text(String to, String text) {
            return new Message(to, text, null, null, List.of(), null, null, null, null);
        }

        static Message template(String to, String name, String language, List<String> parameters) {
            return new Message(to, null, name, language, parameters == null ? List.of() : parameters, null, null,
                    null, null);
        }

        static Message media(String to, String kind, String url, String fileName, String caption) {
            return new Message(to, null, null, null, List.of(), kind, url, fileName, caption);
        }
    }

    private final WhatsAppProperties properties;
    private final IntegrationLog log;
    private final JsonMapper json;
    private final HttpClient http;

    CloudApiClient(WhatsAppProperties properties, IntegrationLog log, JsonMapper json) {
        this.properties = properties;
        this.log = log;
        this.json = json;
        this.http = ProviderHttp.client(properties.connectTimeout());
    }

    /** The request body of a message, as the Cloud API takes it. */
    String body(Message message) {
        ObjectNode body = json.createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", digits(message.to()));
        if (message.templateName() != null) {
            body.put("type", "template");
            ObjectNode template = body.putObject("template");
            template.put("name", message.templateName());
            template.putObject("language").put("code", message.templateLanguage() == null ? "en"
                    : message.templateLanguage());
            if (!message.parameters().isEmpty()) {
                ArrayNode components = template.putArray("components");
                ObjectNode bodyComponent = components.addObject();
                bodyComponent.put("type", "body");
                ArrayNode parameters = bodyComponent.putArray("parameters");
                for (String parameter : message.parameters()) {
                    parameters.addObject().put("type", "text").put("text", parameter == null ? "" : parameter);
                }
            }
        } else if (message.mediaKind() != null) {
            body.put("type", message.mediaKind());
            ObjectNode media = body.putObject(message.mediaKind());
            media.put("link", message.mediaUrl());
            if (message.caption() != null && !message.caption().isBlank()) {
                media.put("caption", message.caption());
            }
            if ("document".equals(message.mediaKind()) && message.mediaFileName() != null) {
                media.put("filename", message.mediaFileName());
            }
        } else {
            body.put("type", "text");
            body.putObject("text").put("preview_url", false).put("body", message.text() == null ? ""
                    : message.text());
        }
        return json.writeValueAsString(body);
    }

    /** Sends a message from the phone number; never throws for what the provider answers. */
    Result send(UUID organizationId, String phoneNumberId, String token, Message message) {
        String url = properties.base() + "/" + phoneNumberId + "/messages";
        String body = body(message);
        IntegrationLog.Entry entry = IntegrationLog.Entry.outbound(IntegrationType.WHATSAPP, "POST", url).sent(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.readTimeout())
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            String reason = "The WhatsApp Cloud API did not answer within " + properties.readTimeout().toMillis()
                    + " ms";
            log.record(organizationId, entry.took(millis(started)).failed(reason));
            return Result.retry(reason, null);
        } catch (IOException e) {
            String reason = "The WhatsApp Cloud API could not be reached: " + e.getClass().getSimpleName();
            log.record(organizationId, entry.took(millis(started)).failed(reason));
            return Result.retry(reason, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.retry("Interrupted while calling the WhatsApp Cloud API", null);
        }
        int status = response.statusCode();
        JsonNode parsed = parse(response.body());
        IntegrationLog.Entry answered = entry.answered(status, response.body(), millis(started));
        if (status < 300 && parsed != null && parsed.path("messages").path(0).path("id").isString()) {
            log.record(organizationId, answered);
            return Result.sent(parsed.path("messages").path(0).path("id").asString());
        }
        Result result = classify(status, parsed, response.body());
        log.record(organizationId, answered.failed(result.error()));
        return result;
    }

    /** What an error answer means for the sender. */
    static Result classify(int status, JsonNode parsed, String raw) {
        JsonNode error = parsed == null ? null : parsed.path("error");
        Integer code = error != null && error.path("code").isNumber() ? error.path("code").asInt() : null;
        String message = describe(code, error, status, raw);
        if (code != null && code == 131047) {
            return Result.rejected("More than 24 hours have passed since the student last wrote: only an approved "
                    + "template can be sent (" + message + ")", code);
        }
        if (code != null && code == 131026) {
            return Result.rejected("The message could not be delivered to this number: it may not be on WhatsApp ("
                    + message + ")", code);
        }
        if (code != null && RETRYABLE_CODES.contains(code)) {
            return Result.retry(message, code);
        }
        if (status == 429 || status >= 500 || status == 408) {
            return Result.retry(message, code);
        }
        return Result.rejected(message, code);
    }

    private static String describe(Integer code, JsonNode error, int status, String raw) {
        StringBuilder text = new StringBuilder("The WhatsApp Cloud API answered ").append(status);
        if (code != null) {
            text.append(" (error ").append(code).append(")");
        }
        String detail = null;
        if (error != null && error.path("error_data").path("details").isString()) {
            detail = error.path("error_data").path("details").asString();
        } else if (error != null && error.path("message").isString()) {
            detail = error.path("message").asString();
        } else if (raw != null && !raw.isBlank()) {
            detail = raw.length() > 200 ? raw.substring(0, 200) + "…" : raw;
        }
        return detail == null ? text.toString() : text.append(": ").append(detail).toString();
    }

    /** A GET of the Graph API for the organization; throws {@link CloudException} when it does not work. */
    JsonNode get(UUID organizationId, String path, Map<String, String> query, String token) {
        String url = properties.base() + path + queryString(query);
        IntegrationLog.Entry entry = IntegrationLog.Entry.outbound(IntegrationType.WHATSAPP, "GET", url);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.readTimeout())
                .header("Accept", "application/json").header("Authorization", "Bearer " + token).GET().build();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            String reason = "The WhatsApp Cloud API did not answer within " + properties.readTimeout().toMillis()
                    + " ms";
            log.record(organizationId, entry.took(millis(started)).failed(reason));
            throw new CloudException(0, reason);
        } catch (IOException e) {
            String reason = "The WhatsApp Cloud API could not be reached: " + e.getClass().getSimpleName();
            log.record(organizationId, entry.took(millis(started)).failed(reason));
            throw new CloudException(0, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(0, "Interrupted while calling the WhatsApp Cloud API");
        }
        JsonNode parsed = parse(response.body());
        IntegrationLog.Entry answered = entry.answered(response.statusCode(), response.body(), millis(started));
        if (response.statusCode() >= 400 || parsed == null) {
            String reason = describe(parsed != null && parsed.path("error").path("code").isNumber()
                    ? parsed.path("error").path("code").asInt() : null, parsed == null ? null : parsed.path("error"),
                    response.statusCode(), response.body());
            log.record(organizationId, answered.failed(reason));
            throw new CloudException(response.statusCode(), reason);
        }
        log.record(organizationId, answered);
        return parsed;
    }

    /** Every message template of the business account, following the pages of the answer. */
    List<JsonNode> templates(UUID organizationId, String wabaId, String token) {
        List<JsonNode> templates = new ArrayList<>();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("fields", "id,name,language,status,category,components");
        query.put("limit", "100");
        for (int page = 0; page < 50; page++) {
            JsonNode answer = get(organizationId, "/" + wabaId + "/message_templates", query, token);
            answer.path("data").forEach(templates::add);
            String after = answer.path("paging").path("cursors").path("after").asString(null);
            if (after == null || !answer.path("paging").path("next").isString()) {
                break;
            }
            query.put("after", after);
        }
        return templates;
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

    static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("[^0-9]", "");
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
