package com.educonsult.crm.integrations;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of integration an organization can connect, by the code the API and the database use. */
public enum IntegrationType {
    FACEBOOK("facebook", "Facebook lead ads"),
    INSTAGRAM("instagram", "Instagram lead ads"),
    WEBSITE_FORMS("website_forms", "Website and portal forms"),
    GOOGLE_ADS("google_ads", "Google Ads lead forms"),
    EMAIL("email", "Email"),
    SMS("sms", "SMS"),
    WHATSAPP("whatsapp", "WhatsApp"),
    PUSH("push", "Push notifications"),
    PAYMENTS("payments", "Payments");

    public static final String CODES =
            "facebook|instagram|website_forms|google_ads|email|sms|whatsapp|push|payments";

    private final String code;
    private final String label;

    IntegrationType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<IntegrationType> of(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}
