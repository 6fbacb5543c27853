package com.educonsult.crm.catalog;

/** Optional texts as stored: trimmed, and null when blank. */
final class Text {

    private Text() {
    }

    static String orNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
