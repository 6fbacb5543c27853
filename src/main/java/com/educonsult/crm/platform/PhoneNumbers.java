package com.educonsult.crm.platform;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Phone numbers in one form, E.164: every match of a phone uses it, so {@code 098765 43210} finds the
 * record saved as {@code +919876543210}.
 */
public final class PhoneNumbers {

    public static final String DEFAULT_REGION = "IN";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The E.164 form of a number written in any common way, read in the given region when it has no country code. */
    public static Optional<String> normalize(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        String candidate = raw.trim();
        if (candidate.startsWith("00")) {
            candidate = "+" + candidate.substring(2);
        }
        try {
            PhoneNumber number = UTIL.parse(candidate, defaultRegion == null ? DEFAULT_REGION : defaultRegion);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> normalize(String raw) {
        return normalize(raw, DEFAULT_REGION);
    }
}
