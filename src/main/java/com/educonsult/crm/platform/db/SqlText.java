package com.educonsult.crm.platform.db;

/** Text a user typed, made safe to use inside SQL patterns. */
public final class SqlText {

    private SqlText() {
    }

    /** A LIKE/ILIKE pattern matching the text anywhere, with its wildcards escaped (escape character {@code \}). */
    public static String containsPattern(String text) {
        return "%" + escapeLike(text.trim()) + "%";
    }

    public static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
