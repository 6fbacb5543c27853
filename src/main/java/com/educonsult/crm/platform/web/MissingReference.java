package com.educonsult.crm.platform.web;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field behind a foreign-key violation that refers to a record that is not there (SQLSTATE 23503 on insert
 * or update). Every reference between tenant tables is {@code (organization_id, <column>)}, so the column other
 * than {@code organization_id} in PostgreSQL's detail ({@code Key (organization_id, branch_id)=(...) is not
 * present in table "branches".}) names the field; failing that, the constraint's default name
 * ({@code leads_organization_id_branch_id_fkey}). A delete that is still referenced is not a missing reference.
 */
final class MissingReference {

    private static final Pattern KEY = Pattern.compile("Key \\(([^)]+)\\)=\\(.*\\) is not present in table");
    private static final Pattern CONSTRAINT = Pattern.compile(
            "violates foreign key constraint \\\"\\w*?organization_id_(\\w+)_fkey\\d*\\\"");

    private MissingReference() {
    }

    /** The snake_case column of the missing reference, or null when the violation is not one. */
    static String field(Throwable cause) {
        String message = cause == null ? null : cause.getMessage();
        if (message == null || message.contains("is still referenced")) {
            return null;
        }
        Matcher key = KEY.matcher(message);
        if (key.find()) {
            return Arrays.stream(key.group(1).split(","))
                    .map(String::trim)
                    .filter(column -> !column.equals("organization_id"))
                    .reduce((first, second) -> second)
                    .orElse(null);
        }
        Matcher constraint = CONSTRAINT.matcher(message);
        return constraint.find() ? constraint.group(1) : null;
    }

    static String camelCase(String snakeCase) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : snakeCase.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
