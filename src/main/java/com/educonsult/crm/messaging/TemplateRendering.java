package com.educonsult.crm.messaging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders in template texts: {@code {{name}}} or {@code {{custom.key}}}, spaces inside the braces
 * allowed. Single braces are plain text; a {@code {{} without its {@code }}} (or the reverse) is an error.
 */
final class TemplateRendering {

    static final String CUSTOM_PREFIX = "custom.";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)?");

    /**
     * A rendered text.
     *
     * @param unknown placeholders that name nothing: left in the text as written
     * @param empty placeholders that name something the lead has no value for: rendered as nothing
     */
    record Rendered(String text, List<String> unknown, List<String> empty) {
    }

    private TemplateRendering() {
    }

    /** What is wrong with the text's placeholders, if anything. */
    static Optional<String> syntaxError(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            int close = text.indexOf("}}", at);
            if (close >= 0 && (open < 0 || close < open)) {
                return Optional.of("has \"}}\" without a matching \"{{\" at position " + close);
            }
            if (open < 0) {
                return Optional.empty();
            }
            int end = text.indexOf("}}", open + 2);
            int nextOpen = text.indexOf("{{", open + 2);
            if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
                return Optional.of("has \"{{\" without a matching \"}}\" at position " + open);
            }
            String name = text.substring(open + 2, end).strip();
            if (!NAME.matcher(name).matches()) {
                return Optional.of("has an invalid placeholder \"" + text.substring(open, end + 2)
                        + "\": use letters, digits and _ (custom fields as custom.key)");
            }
            at = end + 2;
        }
        return Optional.empty();
    }

    /** The names of the placeholders of a valid text, each once, in order of appearance. */
    static List<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return List.copyOf(names);
    }

    /**
     * Fills the placeholders of a valid text. {@code values} holds every name that can be filled, with null
     * or blank for no value; a {@code custom.*} name missing from it is a field the lead has no value for.
     */
    static Rendered render(String text, Map<String, String> values) {
        if (text == null) {
            return new Rendered(null, List.of(), List.of());
        }
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> empty = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (values.containsKey(name) || name.startsWith(CUSTOM_PREFIX)) {
                String value = values.get(name);
                if (value == null || value.isBlank()) {
                    empty.add(name);
                    replacement = "";
                } else {
                    replacement = value;
                }
            } else {
                unknown.add(name);
                replacement = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return new Rendered(out.toString(), new ArrayList<>(unknown), new ArrayList<>(empty));
    }
}
