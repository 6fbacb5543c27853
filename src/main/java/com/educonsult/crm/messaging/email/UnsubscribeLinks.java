package com.educonsult.crm.messaging.email;

import com.educonsult.crm.platform.PublicUrl;
import com.educonsult.crm.platform.secrets.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The link in bulk mail that opts its recipient out of email: the token is the organization and address sealed
 * with the server's secret key (AES-GCM, so it cannot be forged or altered), in URL-safe Base64.
 */
@Component
public class UnsubscribeLinks {

    private static final String PREFIX = "unsubscribe:v1";

    /** Whom a token opts out. */
    public record Subscriber(UUID organizationId, String address) {
    }

    private final SecretBox secrets;
    private final PublicUrl publicUrl;

    UnsubscribeLinks(SecretBox secrets, PublicUrl publicUrl) {
        this.secrets = secrets;
        this.publicUrl = publicUrl;
    }

    public String token(UUID organizationId, String address) {
        String sealed = secrets.seal(PREFIX + "\n" + organizationId + "\n" + address.trim().toLowerCase(Locale.ROOT));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(StandardCharsets.US_ASCII));
    }

    public String url(UUID organizationId, String address) {
        return publicUrl.of("/unsubscribe/" + token(organizationId, address));
    }

    /** Whom the token names; empty for anything that is not a token of ours. */
    public Optional<Subscriber> open(String token) {
        try {
            String sealed = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            String[] parts = secrets.open(sealed).split("\n", 3);
            if (parts.length != 3 || !PREFIX.equals(parts[0])) {
                return Optional.empty();
            }
            return Optional.of(new Subscriber(UUID.fromString(parts[1]), parts[2]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
