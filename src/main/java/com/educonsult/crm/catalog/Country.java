package com.educonsult.crm.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A country of the ISO 3166-1 list.
 *
 * @param phoneCode the international calling code, e.g. {@code +44}; null for territories without one
 * @param currency the ISO 4217 code of its currency; null where there is none
 * @param studyDestination whether students commonly go there (listed first in pickers)
 */
public record Country(String code, String name, String phoneCode, String currency, boolean studyDestination) {

    /** The flag emoji: the code's two letters as regional indicator symbols. */
    @JsonProperty("flag")
    public String flag() {
        return new String(Character.toChars(0x1F1E6 + code.charAt(0) - 'A'))
                + new String(Character.toChars(0x1F1E6 + code.charAt(1) - 'A'));
    }
}
