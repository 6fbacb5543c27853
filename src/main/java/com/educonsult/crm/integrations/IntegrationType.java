package com.educonsult.crm.integrations;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of integration an organization can connect, by the code the API and the database use. */
public enum IntegrationType {
    FACEBOOK("facebook", "Facebook lead ads", "Leads from the lead forms of your Facebook pages, the moment they are sent"),
    INSTAGRAM("instagram", "Instagram lead ads", "Leads from Instagram ads, through the same connected pages"),
    WEBSITE_FORMS("website_forms", "Website and portal forms",
            "Enquiry forms on your website and leads posted by education portals"),
    GOOGLE_ADS("google_ads", "Google Ads lead forms", "Leads from Google Ads lead form extensions"),
    EMAIL("email", "Email", "The provider that sends your email"),
    SMS("sms", "SMS", "The provider that sends your text messages"),
    WHATSAPP("whatsapp", "WhatsApp", "WhatsApp Business messages to students"),
    PUSH("push", "Push notifications", "Notifications to the counselors' phones"),
    PAYMENTS("payments", "Payments", "Fee payments collected online");

    public static final String CODES =
            "facebook|instagram|website_forms|google_ads|email|sms|whatsapp|push|payments";

    private final String code;
    private final String label;
    private final String summary;

    IntegrationType(String code, String label, String summary) {
        this.code = code;
        this.label = label;
        this.summary = summary;
    }

    /** What the integration is for, in a sentence for the console. */
    public String summary() {
        return summary;
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
