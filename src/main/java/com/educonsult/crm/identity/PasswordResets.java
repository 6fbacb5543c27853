package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.OTP_CODES;
import static com.educonsult.crm.jooq.Tables.USERS;

import com.educonsult.crm.jooq.tables.records.OrganizationsRecord;
import com.educonsult.crm.jooq.tables.records.UsersRecord;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/**
 * "Forgot password": a reset_password code sent to the email or phone of an account of an organization, checked
 * by {@code /auth/otp/verify}, is exchanged once for a new password. Every session of the user ends with it, and
 * the login lock is lifted.
 */
@Service
public class PasswordResets {

    static final String PURPOSE = "reset_password";
    private static final String REFUSED = "is not a valid reset verification: request and verify a new code";

    private final DSLContext db;
    private final VerificationTokens verificationTokens;
    private final Organizations organizations;
    private final Users users;
    private final Passwords passwords;
    private final Sessions sessions;
    private final AuditTrail audit;
    private final Tenancy tenancy;
    private final Clock clock;
    private final OneTimeCodes codes;

    PasswordResets(DSLContext db, VerificationTokens verificationTokens, Organizations organizations, Users users,
            Passwords passwords, Sessions sessions, AuditTrail audit, Tenancy tenancy, Clock clock,
            OneTimeCodes codes) {
        this.codes = codes;
        this.db = db;
        this.verificationTokens = verificationTokens;
        this.organizations = organizations;
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /**
     * Sends a reset code to an email or phone of the organization, as {@code /auth/otp/send} does (same limits).
     *
     * @throws ApiException naming {@code organization_slug}, {@code email} or {@code phone} when they are not usable
     */
    public void sendCode(String organizationSlug, String login, String clientIp) {
        boolean email = login.contains("@");
        codes.send(new OtpRequests.Send(email ? null : login, email ? login : null, PURPOSE, organizationSlug),
                clientIp);
    }

    /** Checks a reset code sent by {@link #sendCode} and sets the new password with it, in one step. */
    public void resetWithCode(String organizationSlug, String login, String code, String newPassword,
            String clientIp) {
        boolean email = login.contains("@");
        var verification = codes.verify(new OtpRequests.Verify(email ? null : login, email ? login : null, code,
                PURPOSE, organizationSlug), clientIp);
        reset(verification.verificationToken(), newPassword);
    }

    /**
     * Sets the password of the account the verification names.
     *
     * @throws ApiException 422 on {@code verification_token} when it is not a reset verification of an existing
     *         account, was used already or expired; 422 on {@code password} when it breaks the password policy
     */
    public void reset(String verificationToken, String newPassword) {
        VerificationTokens.Verified verified = verificationTokens.verify(verificationToken)
                .filter(v -> PURPOSE.equals(v.purpose()) && v.scope() != null && !v.scope().isEmpty())
                .orElseThrow(() -> ApiException.invalid("verification_token", REFUSED));
        OrganizationsRecord organization = organizations.findBySlug(verified.scope())
                .filter(OrganizationsRecord::getActive)
                .orElseThrow(() -> ApiException.invalid("verification_token", REFUSED));
        tenancy.runAs(organization.getId(), () -> {
            UsersRecord user = account(organization, verified.target())
                    .orElseThrow(() -> ApiException.invalid("verification_token", REFUSED));
            passwords.checkPolicy("password", newPassword, user.getEmail());
            redeem(verified);
            db.update(USERS)
                    .set(USERS.PASSWORD_HASH, passwords.hash(newPassword))
                    .set(USERS.FAILED_LOGIN_COUNT, 0)
                    .setNull(USERS.LOCKED_UNTIL)
                    .where(USERS.ORGANIZATION_ID.eq(organization.getId()), USERS.ID.eq(user.getId()))
                    .execute();
            int ended = sessions.revokeAllOf(organization.getId(), user.getId(), "password_reset");
            audit.recordBy(user.getId(), "auth.password_reset", "user", user.getId(), null,
                    Map.of("sessions_ended", ended));
        });
    }

    private Optional<UsersRecord> account(OrganizationsRecord organization, String target) {
        Optional<UsersRecord> user = target.contains("@")
                ? users.findByEmail(organization.getId(), target)
                : users.findByPhone(organization.getId(), target);
        return user.filter(UsersRecord::getActive);
    }

    /** The code behind the verification works once: a second reset with the same verification is refused. */
    private void redeem(VerificationTokens.Verified verified) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        var latest = db.select(OTP_CODES.ID).from(OTP_CODES)
                .where(OTP_CODES.SCOPE.eq(verified.scope()), OTP_CODES.PURPOSE.eq(PURPOSE),
                        OTP_CODES.TARGET.eq(verified.target()),
                        OTP_CODES.CONSUMED_AT.gt(now.minus(VerificationTokens.TTL)), OTP_CODES.REDEEMED_AT.isNull())
                .orderBy(OTP_CODES.CONSUMED_AT.desc())
                .limit(1);
        if (db.update(OTP_CODES).set(OTP_CODES.REDEEMED_AT, now)
                .where(OTP_CODES.ID.eq(latest), OTP_CODES.REDEEMED_AT.isNull()).execute() != 1) {
            throw ApiException.invalid("verification_token", REFUSED);
        }
    }
}
