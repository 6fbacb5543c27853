package com.educonsult.crm.messaging.email;

import com.educonsult.crm.platform.PublicUrl;
import com.educonsult.crm.platform.Tenancy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The inbound-mail webhook's address per organization: /webhooks/email/inbound/{token}, the token random and kept
 * in a routing table the application reads only through functions (it must find the organization before any
 * tenant is known).
 */
@Component
public class InboundMailRoutes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;
    private final Tenancy tenancy;
    private final PublicUrl publicUrl;

    InboundMailRoutes(DSLContext db, Tenancy tenancy, PublicUrl publicUrl) {
        this.db = db;
        this.tenancy = tenancy;
        this.publicUrl = publicUrl;
    }

    /** The organization of a token; empty for an unknown one. */
    public Optional<UUID> organization(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        return Optional.ofNullable(db.fetchValue("select email_inbound_organization(?)", token))
                .map(value -> (UUID) value);
    }

    /** The organization's webhook URL, or empty before one was made. */
    public Optional<String> url(UUID organizationId) {
        return tenancy.callAs(organizationId, () -> Optional.ofNullable(
                (String) db.fetchValue("select email_inbound_token()"))).map(this::urlOf);
    }

    /** Makes a new token for the organization (the old URL stops working) and answers its URL. */
    public String rotate(UUID organizationId) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tenancy.runAs(organizationId, () -> db.execute("select email_inbound_route_set(?)", token));
        return urlOf(token);
    }

    private String urlOf(String token) {
        return publicUrl.of("/webhooks/email/inbound/" + token);
    }
}
