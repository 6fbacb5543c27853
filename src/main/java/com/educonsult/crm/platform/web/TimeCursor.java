package com.educonsult.crm.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque keyset cursor for lists ordered by a time and then an id: the client passes back what a page
 * gave it as {@code next_cursor}, and the next page starts after that row.
 */
public record TimeCursor(OffsetDateTime time, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((time + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ApiException 400 naming {@code cursor} when it is not one a list gave */
    public static TimeCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new TimeCursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw ApiException.badRequest("Invalid cursor", java.util.List.of(new FieldError("cursor",
                    "is not a cursor this list gave")));
        }
    }
}
