package com.educonsult.crm.platform;

/** Small rules for text that clients send. */
public final class Text {

    private Text() {
    }

    /** The trimmed text, or null when it is null or blank: a client's "" clears an optional field. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
