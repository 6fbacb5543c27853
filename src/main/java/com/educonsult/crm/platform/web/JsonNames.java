package com.educonsult.crm.platform.web;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Java names as the API spells them: snake_case, or camelCase for the Android app's records. */
public final class JsonNames {

    private JsonNames() {
    }

    public static String snakeCase(String name) {
        if (name == null) {
            return null;
        }
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The JSON name of a (possibly nested) Java property path of a request body of the given type. */
    static String of(Class<?> bodyType, String javaPath) {
        JsonNaming naming = bodyType == null ? null : bodyType.getAnnotation(JsonNaming.class);
        if (naming != null && naming.value() == PropertyNamingStrategies.LowerCamelCaseStrategy.class) {
            return javaPath;
        }
        return snakeCase(javaPath);
    }
}
