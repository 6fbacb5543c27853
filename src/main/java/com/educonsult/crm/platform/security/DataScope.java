package com.educonsult.crm.platform.security;

/** Which records a user's role lets them see: the whole organization, their branch, or their own. */
public enum DataScope {
    ALL, BRANCH, OWN;

    public static DataScope fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The wider of two scopes: a user with several roles sees what the widest one allows. */
    public DataScope widest(DataScope other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}
