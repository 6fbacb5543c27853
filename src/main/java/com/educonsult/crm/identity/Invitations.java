package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.USERS;
import static com.educonsult.crm.jooq.Tables.USER_INVITATIONS;

import com.educonsult.crm.jooq.tables.records.OrganizationsRecord;
import com.educonsult.crm.jooq.tables.records.UsersRecord;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.messages.MessageGateway;
import com.educonsult.crm.platform.web.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import com.educonsult.crm.platform.PublicUrl;
import org.springframework.stereotype.Component;

/**
 * Invitations of new users: a one-time token, sent by email, with which the user sets their first password.
 * The token names its organization (as refresh tokens do), so the public accept endpoint finds its tenant.
 */
@Component
class Invitations {

    static final String PREFIX = "inv";
    static final Duration VALIDITY = Duration.ofDays(7);

    record Accepted(UUID userId, String email, String organizationSlug) {
    }

    private final DSLContext db;
    private final Tenancy tenancy;
    private final Organizations organizations;
    private final Passwords passwords;
    private final MessageGateway messages;
    private final AuditTrail audit;
    private final Clock clock;
    private final PublicUrl publicUrl;

    Invitations(DSLContext db, Tenancy tenancy, Organizations organizations, Passwords passwords,
            MessageGateway messages, AuditTrail audit, Clock clock, PublicUrl publicUrl) {
        this.db = db;
        this.tenancy = tenancy;
        this.organizations = organizations;
        this.passwords = passwords;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** Creates the token and sends the invitation, in the caller's transaction. */
    void invite(UsersRecord user) {
        UUID organizationId = user.getOrganizationId();
        OrganizationsRecord organization = organizations.find(organizationId).orElseThrow();
        String token = TenantTokens.mint(PREFIX, organizationId);
        db.insertInto(USER_INVITATIONS)
                .set(USER_INVITATIONS.ORGANIZATION_ID, organizationId)
                .set(USER_INVITATIONS.TOKEN_HASH, TenantTokens.hash(token))
                .set(USER_INVITATIONS.USER_ID, user.getId())
                .set(USER_INVITATIONS.EXPIRES_AT, now().plus(VALIDITY))
                .execute();
        messages.send(organizationId, MessageGateway.Channel.EMAIL, user.getEmail(),
                "You are invited to " + organization.getName(), body(user, organization, token));
    }

    /** Voids the open invitations of a user, when their password is set another way or they are deleted. */
    void revokeAllOf(UUID organizationId, UUID userId) {
        db.update(USER_INVITATIONS).set(USER_INVITATIONS.ACCEPTED_AT, now())
                .where(USER_INVITATIONS.ORGANIZATION_ID.eq(organizationId), USER_INVITATIONS.USER_ID.eq(userId),
                        USER_INVITATIONS.ACCEPTED_AT.isNull())
                .execute();
    }

    /** Sets the password of the invited user; the token works once, within its validity. */
    Accepted accept(String token, String password) {
        UUID organizationId = TenantTokens.organizationOf(PREFIX, token).orElseThrow(Invitations::invalidToken);
        return tenancy.callAs(organizationId, () -> {
            OffsetDateTime now = now();
            UUID userId = db.update(USER_INVITATIONS).set(USER_INVITATIONS.ACCEPTED_AT, now)
                    .where(USER_INVITATIONS.ORGANIZATION_ID.eq(organizationId),
                            USER_INVITATIONS.TOKEN_HASH.eq(TenantTokens.hash(token)),
                            USER_INVITATIONS.ACCEPTED_AT.isNull(), USER_INVITATIONS.EXPIRES_AT.gt(now))
                    .returning(USER_INVITATIONS.USER_ID)
                    .fetchOptional(USER_INVITATIONS.USER_ID)
                    .orElseThrow(Invitations::invalidToken);
            UsersRecord user = db.selectFrom(USERS)
                    .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.eq(userId), USERS.DELETED_AT.isNull())
                    .fetchOptional()
                    .orElseThrow(Invitations::invalidToken);
            passwords.checkPolicy("password", password, user.getEmail());
            db.update(USERS)
                    .set(USERS.PASSWORD_HASH, passwords.hash(password))
                    .set(USERS.FAILED_LOGIN_COUNT, 0)
                    .setNull(USERS.LOCKED_UNTIL)
                    .set(USERS.UPDATED_AT, now)
                    .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.eq(userId))
                    .execute();
            revokeAllOf(organizationId, userId);
            audit.recordBy(userId, "user.invitation_accepted", "user", userId, null, Map.of("password_set", true));
            String slug = organizations.find(organizationId).orElseThrow().getSlug();
            return new Accepted(userId, user.getEmail(), slug);
        });
    }

    private String body(UsersRecord user, OrganizationsRecord organization, String token) {
        String link = publicUrl.of("/invitations/accept?token=") + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return """
                Hello %s,

                you have been invited to %s. Set your password within %d days at:
                %s

                Your one-time invitation code: %s
                Then log in with your email and the organization code "%s".
                """.formatted(user.getFirstName(), organization.getName(), VALIDITY.toDays(), link, token,
                organization.getSlug());
    }

    private static ApiException invalidToken() {
        return ApiException.invalid("token", "is invalid, used or expired");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
