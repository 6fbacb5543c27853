package com.educonsult.crm.messaging.sms;

import static com.educonsult.crm.jooq.Tables.SMS_CALLBACK_TOKENS;

import com.educonsult.crm.integrations.IntegrationEvents;
import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.platform.PublicUrl;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.secrets.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The organization's SMS provider connection (MSG91: auth key and default sender id, sealed by the integration
 * registry) and its delivery-report address: a random token in the path, sealed at rest and routed by its hash.
 */
@Component
class SmsAccounts {

    static final String AUTH_KEY = "auth_key";
    static final String SENDER_ID = "sender_id";
    static final String DLT_ENTITY_ID = "dlt_entity_id";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Account(UUID organizationId, String authKey, String senderId) {
    }

    private final DSLContext db;
    private final IntegrationRegistry registry;
    private final Tenancy tenancy;
    private final SecretBox secrets;
    private final PublicUrl publicUrl;

    SmsAccounts(DSLContext db, IntegrationRegistry registry, Tenancy tenancy, SecretBox secrets, PublicUrl publicUrl) {
        this.db = db;
        this.registry = registry;
        this.tenancy = tenancy;
        this.secrets = secrets;
        this.publicUrl = publicUrl;
    }

    Optional<Account> of(UUID organizationId) {
        return tenancy.callAs(organizationId, () -> registry.credentials(IntegrationType.SMS))
                .flatMap(credentials -> account(organizationId, credentials));
    }

    static Optional<Account> account(UUID organizationId, Map<String, String> credentials) {
        String key = credentials.get(AUTH_KEY);
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String sender = credentials.get(SENDER_ID);
        return Optional.of(new Account(organizationId, key.strip(), sender == null || sender.isBlank() ? null
                : sender.strip()));
    }

    /** The organization whose delivery-report token this is. */
    Optional<UUID> organizationOfToken(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        return Optional.ofNullable(db.select(DSL.field("sms_callback_organization({0})", UUID.class,
                DSL.val(sha256(token)))).fetchOne(0, UUID.class));
    }

    /** The delivery-report address to give MSG91; made when there is none yet. Runs in the organization's transaction. */
    String callbackUrl(UUID organizationId) {
        String sealed = db.select(SMS_CALLBACK_TOKENS.TOKEN_SEALED).from(SMS_CALLBACK_TOKENS)
                .where(SMS_CALLBACK_TOKENS.ORGANIZATION_ID.eq(organizationId), SMS_CALLBACK_TOKENS.PROVIDER.eq("msg91"))
                .fetchOne(SMS_CALLBACK_TOKENS.TOKEN_SEALED);
        String token = sealed == null ? rotate(organizationId) : secrets.open(sealed);
        return url(token);
    }

    /** A new token: the old address stops working. Runs in the organization's transaction. */
    String rotate(UUID organizationId) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        db.insertInto(SMS_CALLBACK_TOKENS)
                .set(SMS_CALLBACK_TOKENS.ORGANIZATION_ID, organizationId)
                .set(SMS_CALLBACK_TOKENS.PROVIDER, "msg91")
                .set(SMS_CALLBACK_TOKENS.TOKEN_SEALED, secrets.seal(token))
                .set(SMS_CALLBACK_TOKENS.TOKEN_HASH, sha256(token))
                .onConflict(SMS_CALLBACK_TOKENS.ORGANIZATION_ID, SMS_CALLBACK_TOKENS.PROVIDER).doUpdate()
                .set(SMS_CALLBACK_TOKENS.TOKEN_SEALED, secrets.seal(token))
                .set(SMS_CALLBACK_TOKENS.TOKEN_HASH, sha256(token))
                .set(SMS_CALLBACK_TOKENS.CREATED_AT, DSL.currentOffsetDateTime())
                .execute();
        return token;
    }

    String url(String token) {
        return publicUrl.of("/webhooks/sms/msg91/" + token);
    }

    /** In the transaction of the connection: the organization gets its delivery-report address. */
    @EventListener
    void connected(IntegrationEvents.IntegrationConnected event) {
        if (event.type() == IntegrationType.SMS) {
            callbackUrl(event.organizationId());
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
}
