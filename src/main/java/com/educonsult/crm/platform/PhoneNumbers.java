package com.educonsult.crm.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Phone numbers in one form, E.164: every match of a phone uses it, so {@code 098765 43210} finds the
 * record saved as {@code +919876543210}.
 *
 * <p>Parsing a number costs tens of microseconds (the parser runs several large regular expressions over it), and
 * the same numbers come back all the time: every call with a lead is synced, looked up on the incoming-call screen
 * and searched. So answers are kept, by the number without its separators (which the parser ignores) and, for a
 * number without country code, the region it is read in.
 */
public final class PhoneNumbers {

    public static final String DEFAULT_REGION = "IN";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_LENGTH = 40;
    private static final Cache<String, Optional<String>> NORMALIZED = Caffeine.newBuilder()
            .maximumSize(100_000)
            .build();

    private PhoneNumbers() {
    }

    /** The E.164 form of a number written in any common way, read in the given region when it has no country code. */
    public static Optional<String> normalize(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String region = defaultRegion == null ? DEFAULT_REGION : defaultRegion;
        String candidate = withoutSeparators(raw.trim());
        Optional<String> normalized = NORMALIZED.get(key(candidate, region), key -> parse(candidate, region));
        // the E.164 form reads back as itself in every region: the next time it comes written that way, it is known
        normalized.filter(e164 -> !e164.equals(candidate))
                .ifPresent(e164 -> NORMALIZED.asMap().putIfAbsent(e164, normalized));
        return normalized;
    }

    /** A number with a country code reads the same in every region; one without is read in the region. */
    private static String key(String candidate, String region) {
        return candidate.startsWith("+") ? candidate : region + ' ' + candidate;
    }

    public static Optional<String> normalize(String raw) {
        return normalize(raw, DEFAULT_REGION);
    }

    /** The parser's answer, uncached. */
    static Optional<String> parse(String raw, String region) {
        String candidate = raw.trim();
        if (candidate.startsWith("00")) {
            candidate = "+" + candidate.substring(2);
        }
        try {
            PhoneNumber number = UTIL.parse(candidate, region);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Digits and a leading plus, when the number is written with nothing but those and the separators
     * {@code space - . ( )}, which the parser drops; otherwise (letters, extensions, other marks) the text as it is.
     */
    static String withoutSeparators(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && digits.isEmpty()) {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return text;
            }
        }
        return digits.toString();
    }
}
