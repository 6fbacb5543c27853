package com.educonsult.crm.messaging.sms;

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
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * MSG91's SMS API: a message is sent through a DLT-registered template (MSG91's template id, the DLT template id
 * and the sender id carried per message) to one number; MSG91 answers a request id that its delivery reports
 * name. Every call is in the organization's integration log (the auth key never is).
 */
@Component
class Msg91Client {

    /** What a send came to. */
    record Result(Kind kind, String requestId, String error) {
        enum Kind { SENT, RETRY, REJECTED }
    }

    /** One SMS: MSG91 template id, DLT template id (optional), sender id, number, template variables. */
    record Sms(String templateId, String dltTemplateId, String senderId, String to, Map<String, String> variables) {
    }

    private final SmsProperties properties;
    private final IntegrationLog log;
    private final JsonMapper json;
    private final HttpClient http;

    Msg91Client(SmsProperties properties, IntegrationLog log, JsonMapper json) {
        this.properties = properties;
        this.log = log;
        this.json = json;
        this.http = ProviderHttp.client(properties.connectTimeout());
    }

    String body(Sms sms) {
        ObjectNode body = json.createObjectNode();
        body.put("template_id", sms.templateId());
        if (sms.senderId() != null) {
            body.put("sender", sms.senderId());
        }
        if (sms.dltTemplateId() != null) {
            body.put("DLT_TE_ID", sms.dltTemplateId());
        }
        body.put("short_url", "0");
        ObjectNode recipient = body.putArray("recipients").addObject();
        recipient.put("mobiles", sms.to().replaceAll("[^0-9]", ""));
        if (sms.variables() != null) {
            sms.variables().forEach((name, value) -> {
                if (!"mobiles".equals(name)) {
                    recipient.put(name, value == null ? "" : value);
                }
            });
        }
        return json.writeValueAsString(body);
    }

    /** A message by a template (MSG91's flow API, the way DLT rules in India expect). */
    Result send(UUID organizationId, String authKey, Sms sms) {
        return post(organizationId, authKey, "/api/v5/flow/", body(sms));
    }

    /** A free-text message (MSG91's sendsms API; the text must match a DLT template registered for the sender). */
    Result sendText(UUID organizationId, String authKey, String senderId, String dltTemplateId, String to,
            String text) {
        ObjectNode body = json.createObjectNode();
        if (senderId != null) {
            body.put("sender", senderId);
        }
        body.put("route", "4");
        if (dltTemplateId != null) {
            body.put("DLT_TE_ID", dltTemplateId);
        }
        ObjectNode sms = body.putArray("sms").addObject();
        sms.put("message", text == null ? "" : text);
        sms.putArray("to").add(to.replaceAll("[^0-9]", ""));
        return post(organizationId, authKey, "/api/v2/sendsms", json.writeValueAsString(body));
    }

    private Result post(UUID organizationId, String authKey, String path, String body) {
        String url = properties.base() + path;
        IntegrationLog.Entry entry = IntegrationLog.Entry.outbound(IntegrationType.SMS, "POST", url).sent(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.readTimeout())
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .header("authkey", authKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            String reason = "MSG91 did not answer within " + properties.readTimeout().toMillis() + " ms";
            log.record(organizationId, entry.took(millis(started)).failed(reason));
            return new Result(Result.Kind.RETRY, null, reason);
        } catch (IOException e) {
            String reason = "MSG91 could not be reached: " + e.getClass().getSimpleName();
            log.record(organizationId, entry.took(millis(started)).failed(reason));
            return new Result(Result.Kind.RETRY, null, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Result.Kind.RETRY, null, "Interrupted while calling MSG91");
        }
        int status = response.statusCode();
        JsonNode parsed = parse(response.body());
        IntegrationLog.Entry answered = entry.answered(status, response.body(), millis(started));
        String type = parsed == null ? null : parsed.path("type").asString(null);
        String message = parsed == null ? null : parsed.path("message").asString(null);
        if (status < 300 && "success".equalsIgnoreCase(type) && message != null && !message.isBlank()) {
            log.record(organizationId, answered);
            return new Result(Result.Kind.SENT, message, null);
        }
        String reason = "MSG91 answered " + status + (message == null ? "" : ": " + message);
        log.record(organizationId, answered.failed(reason));
        if (status == 429 || status >= 500 || status == 408) {
            return new Result(Result.Kind.RETRY, null, reason);
        }
        return new Result(Result.Kind.REJECTED, null, reason);
    }

    /** The account's balance of transactional credits (route 4): checks the auth key. */
    String balance(UUID organizationId, String authKey) {
        String url = properties.base() + "/api/balance.php?type=4&authkey=";
        String logged = url + "REDACTED";
        IntegrationLog.Entry entry = IntegrationLog.Entry.outbound(IntegrationType.SMS, "GET", logged);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + URLEncoder.encode(authKey,
                StandardCharsets.UTF_8))).timeout(properties.readTimeout()).GET().build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body().strip();
            IntegrationLog.Entry answered = entry.answered(response.statusCode(), body, millis(started));
            if (response.statusCode() >= 300 || !body.matches("-?[0-9]+(\\.[0-9]+)?")) {
                String reason = "MSG91 answered " + response.statusCode() + ": "
                        + (body.length() > 200 ? body.substring(0, 200) : body);
                log.record(organizationId, answered.failed(reason));
                throw new IllegalStateException(reason);
            }
            log.record(organizationId, answered);
            return body;
        } catch (IOException e) {
            String reason = "MSG91 could not be reached: " + e.getClass().getSimpleName();
            log.record(organizationId, entry.took(millis(started)).failed(reason));
            throw new IllegalStateException(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling MSG91");
        }
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

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
