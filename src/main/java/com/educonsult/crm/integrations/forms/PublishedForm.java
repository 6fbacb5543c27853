package com.educonsult.crm.integrations.forms;

import com.educonsult.crm.integrations.WebForms;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A form as the public endpoint and the snippet need it, secrets opened (never leaves the server). */
record PublishedForm(UUID organizationId, UUID id, String key, String name, String kind,
        List<WebForms.Field> fields, Map<String, String> mapping, Set<String> allowedOrigins, String honeypotField,
        String captchaProvider, String captchaSiteKey, String captchaSecret, String googleKey, int perIp,
        int perForm, String thankYouUrl, String thankYouMessage, boolean active, String defaultSource,
        UUID defaultBranchId, List<String> defaultTags) {

    boolean allows(String origin) {
        return origin != null && allowedOrigins.contains(origin.toLowerCase(java.util.Locale.ROOT));
    }

    String platform() {
        return switch (kind) {
            case "google_ads" -> "google_ads";
            case "portal" -> "portal";
            default -> "website";
        };
    }

    String captchaField() {
        if (captchaProvider == null) {
            return null;
        }
        return "hcaptcha".equals(captchaProvider) ? "h-captcha-response" : "cf-turnstile-response";
    }
}
