package com.educonsult.crm.integrations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of bodies, URLs and headers before they are logged: the values of JSON fields, form and
 * query parameters whose names say token, secret, password, key, signature or authorization, and bearer
 * credentials. Long bodies are cut.
 */
public final class Redaction {

    public static final String MASK = "[redacted]";
    static final int MAX_LENGTH = 16_384;

    private static final String SECRET_NAME =
            "[A-Za-z0-9_.-]*(?:token|secret|password|passwd|api[_-]?key|apikey|signature|authorization|"
                    + "credential|private[_-]?key|client[_-]?key|verify[_-]?key|google[_-]?key)[A-Za-z0-9_.-]*";
    private static final Pattern JSON_STRING_FIELD = Pattern.compile(
            "(\"(?i:" + SECRET_NAME + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern JSON_OTHER_FIELD = Pattern.compile(
            "(\"(?i:" + SECRET_NAME + ")\"\\s*:\\s*)(-?[0-9][0-9.eE+-]*|true|false)");
    private static final Pattern PARAMETER = Pattern.compile(
            "((?:^|[?&;\\s])(?i:" + SECRET_NAME + ")=)[^&;\\s\"]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String cut = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "… (cut)" : text;
        String redacted = replace(JSON_STRING_FIELD, cut, "$1\"" + MASK + "\"");
        redacted = replace(JSON_OTHER_FIELD, redacted, "$1\"" + MASK + "\"");
        redacted = replace(PARAMETER, redacted, "$1" + MASK);
        return replace(BEARER, redacted, "$1" + MASK);
    }

    private static String replace(Pattern pattern, String text, String replacement) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.replaceAll(replacement) : text;
    }
}
