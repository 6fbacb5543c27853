package com.educonsult.crm.messaging.whatsapp;

import static com.educonsult.crm.jooq.Tables.WHATSAPP_NUMBERS;

import com.educonsult.crm.integrations.IntegrationEvents;
import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The organization's WhatsApp Business connection (credentials from the integration registry, sealed there) and
 * the routing of its phone number, kept as the connection changes, so the public webhook finds the organization
 * a delivery is for.
 */
@Component
class WhatsAppAccounts {

    static final String PHONE_NUMBER_ID = "phone_number_id";
    static final String WABA_ID = "waba_id";
    static final String ACCESS_TOKEN = "access_token";
    static final String APP_SECRET = "app_secret";
    static final String VERIFY_TOKEN = "verify_token";

    /** An organization's connection. */
    record Account(UUID organizationId, String phoneNumberId, String wabaId, String accessToken, String appSecret,
            String verifyToken) {
    }

    private final DSLContext db;
    private final IntegrationRegistry registry;
    private final Tenancy tenancy;

    WhatsAppAccounts(DSLContext db, IntegrationRegistry registry, Tenancy tenancy) {
        this.db = db;
        this.registry = registry;
        this.tenancy = tenancy;
    }

    /** The organization's connection, when it connected WhatsApp with at least a phone number id and a token. */
    Optional<Account> of(UUID organizationId) {
        return tenancy.callAs(organizationId, () -> registry.credentials(IntegrationType.WHATSAPP))
                .flatMap(credentials -> account(organizationId, credentials));
    }

    /** The connection, or a 422 naming the field that says what to do. */
    Account require(UUID organizationId) {
        return of(organizationId).orElseThrow(() -> ApiException.invalid("type", "WhatsApp is not connected: an "
                + "admin connects it under Settings, Integrations, with the phone number id, business account id "
                + "and access token"));
    }

    static Optional<Account> account(UUID organizationId, Map<String, String> credentials) {
        String number = blankToNull(credentials.get(PHONE_NUMBER_ID));
        String token = blankToNull(credentials.get(ACCESS_TOKEN));
        if (number == null || token == null) {
            return Optional.empty();
        }
        return Optional.of(new Account(organizationId, number.trim(), blankToNull(credentials.get(WABA_ID)), token,
                blankToNull(credentials.get(APP_SECRET)), blankToNull(credentials.get(VERIFY_TOKEN))));
    }

    /** The organization that connected the phone number, if any. */
    Optional<UUID> organizationOf(String phoneNumberId) {
        return Optional.ofNullable(db.select(DSL.field("whatsapp_number_organization({0})", UUID.class,
                DSL.val(phoneNumberId))).fetchOne(0, UUID.class));
    }

    /** Whether some organization's verify token is this one. */
    boolean verifyTokenKnown(String token) {
        return Boolean.TRUE.equals(db.select(DSL.field("whatsapp_verify_token_known({0})", Boolean.class,
                DSL.val(sha256(token)))).fetchOne(0, Boolean.class));
    }

    /** In the transaction of the connection: its number routes to the organization from now on. */
    @EventListener
    void connected(IntegrationEvents.IntegrationConnected event) {
        if (event.type() != IntegrationType.WHATSAPP) {
            return;
        }
        db.deleteFrom(WHATSAPP_NUMBERS).where(WHATSAPP_NUMBERS.ORGANIZATION_ID.eq(event.organizationId())).execute();
        registry.credentials(IntegrationType.WHATSAPP).ifPresent(credentials -> {
            String number = blankToNull(credentials.get(PHONE_NUMBER_ID));
            if (number == null) {
                // no number to route: WhatsApp stays unconfigured for sending and receiving until it is given
                return;
            }
            if (!number.trim().matches("[0-9]{1,40}")) {
                throw ApiException.invalid("credentials.phone_number_id", "must be the WhatsApp phone number id "
                        + "(digits) from the WhatsApp Manager");
            }
            String waba = blankToNull(credentials.get(WABA_ID));
            if (waba != null && !waba.trim().matches("[0-9]{1,40}")) {
                throw ApiException.invalid("credentials.waba_id", "must be the WhatsApp Business account id "
                        + "(digits)");
            }
            Optional<UUID> routed = organizationOf(number.trim());
            if (routed.isPresent() && !routed.get().equals(event.organizationId())) {
                throw ApiException.invalid("credentials.phone_number_id", "this WhatsApp number is connected by "
                        + "another organization");
            }
            String verify = blankToNull(credentials.get(VERIFY_TOKEN));
            db.insertInto(WHATSAPP_NUMBERS)
                    .set(WHATSAPP_NUMBERS.ORGANIZATION_ID, event.organizationId())
                    .set(WHATSAPP_NUMBERS.PHONE_NUMBER_ID, number.trim())
                    .set(WHATSAPP_NUMBERS.WABA_ID, waba == null ? null : waba.trim())
                    .set(WHATSAPP_NUMBERS.VERIFY_TOKEN_HASH, verify == null ? null : sha256(verify))
                    .execute();
        });
    }

    /** In the transaction of the disconnection: deliveries for its number are no longer taken. */
    @EventListener
    void disconnected(IntegrationEvents.IntegrationDisconnected event) {
        if (event.type() == IntegrationType.WHATSAPP) {
            db.deleteFrom(WHATSAPP_NUMBERS).where(WHATSAPP_NUMBERS.ORGANIZATION_ID.eq(event.organizationId()))
                    .execute();
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
