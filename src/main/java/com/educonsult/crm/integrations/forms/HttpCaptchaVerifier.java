package com.educonsult.crm.integrations.forms;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies tokens with Cloudflare Turnstile's or hCaptcha's siteverify endpoint (both take {@code secret},
 * {@code response} and {@code remoteip} as a form and answer {@code {"success": ...}}); each call is in the
 * integration log, the secret redacted.
 */
@Component
class HttpCaptchaVerifier implements CaptchaVerifier {

    private static final Logger log = LoggerFactory.getLogger(HttpCaptchaVerifier.class);

    private final CaptchaProperties properties;
    private final IntegrationLog integrationLog;
    private final JsonMapper json;
    private final HttpClient client;

    HttpCaptchaVerifier(CaptchaProperties properties, IntegrationLog integrationLog, JsonMapper json) {
        this.properties = properties;
        this.integrationLog = integrationLog;
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Verdict verify(UUID organizationId, String provider, String secret, String token, String remoteIp) {
        String url = "hcaptcha".equals(provider) ? properties.hcaptchaUrl() : properties.turnstileUrl();
        String body = "secret=" + encode(secret) + "&response=" + encode(token)
                + (remoteIp == null ? "" : "&remoteip=" + encode(remoteIp));
        IntegrationLog.Entry entry = IntegrationLog.Entry.outbound(IntegrationType.WEBSITE_FORMS, "POST", url)
                .sent(body);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.timeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - started) / 1_000_000;
            entry = entry.answered(response.statusCode(), response.body(), millis);
            Verdict verdict = verdictOf(response);
            if (verdict == Verdict.REFUSED) {
                entry = entry.failed("captcha token refused");
            } else if (verdict == Verdict.UNAVAILABLE) {
                entry = entry.failed("captcha service answered " + response.statusCode());
            }
            integrationLog.record(organizationId, entry);
            return verdict;
        } catch (IOException | RuntimeException e) {
            integrationLog.record(organizationId, entry.took((System.nanoTime() - started) / 1_000_000)
                    .failed("captcha service unreachable: " + e.getClass().getSimpleName()));
            log.warn("Captcha verification with {} failed: {}", provider, e.toString());
            return Verdict.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.UNAVAILABLE;
        }
    }

    private Verdict verdictOf(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return Verdict.UNAVAILABLE;
        }
        try {
            JsonNode answer = json.readTree(response.body());
            JsonNode success = answer.get("success");
            if (success == null || !success.isBoolean()) {
                return Verdict.UNAVAILABLE;
            }
            return success.asBoolean() ? Verdict.PASSED : Verdict.REFUSED;
        } catch (RuntimeException e) {
            return Verdict.UNAVAILABLE;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
