package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.OTP_CODES;

import com.educonsult.crm.jooq.tables.records.OrganizationsRecord;
import com.educonsult.crm.jooq.tables.records.OtpCodesRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.messages.MessageGateway;
import com.educonsult.crm.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time codes sent by SMS or email. A code is six random digits, kept only as an HMAC, valid for five
 * minutes and for five tries, and used once. Only the newest code sent to a target for a purpose counts.
 */
@Service
class OneTimeCodes {

    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 5;
    static final int MAX_SENDS_PER_WINDOW = 3;
    static final Duration SEND_WINDOW = Duration.ofMinutes(10);
    static final int MAX_SENDS_PER_DAY = 10;
    static final String REGISTER = "register";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Sent(boolean sent, String channel, String target, OffsetDateTime expiresAt, long expiresIn) {
    }

    record Verification(boolean verified, String verificationToken, OffsetDateTime expiresAt) {
    }

    /** Where a code goes: the normalized phone or email, and the organization it is for ('' for none). */
    private record Target(String value, MessageGateway.Channel channel, String scope, UUID organizationId) {
    }

    private final DSLContext db;
    private final Organizations organizations;
    private final MessageGateway messages;
    private final VerificationTokens verificationTokens;
    private final TransactionTemplate transactions;
    private final OtpRateLimiter sendLimiter;
    private final OtpRateLimiter verifyLimiter;
    private final byte[] hashKey;
    private final Clock clock;

    OneTimeCodes(DSLContext db, Organizations organizations, MessageGateway messages,
            VerificationTokens verificationTokens, AccessTokens accessTokens, PlatformTransactionManager transactionManager,
            OtpProperties properties, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.messages = messages;
        this.verificationTokens = verificationTokens;
        this.transactions = new TransactionTemplate(transactionManager);
        this.sendLimiter = new OtpRateLimiter(properties.sendsPerIpPerHour());
        this.verifyLimiter = new OtpRateLimiter(properties.verificationsPerIpPerHour());
        this.hashKey = accessTokens.derivedKey("otp-code-hash");
        this.clock = clock;
    }

    Sent send(OtpRequests.Send request, String clientIp) {
        if (!sendLimiter.tryAcquire(clientIp)) {
            throw ApiException.tooManyRequests("Too many codes requested from this address; try again later");
        }
        return transactions.execute(status -> {
            Target target = target(request.phone(), request.email(), request.organizationSlug());
            OffsetDateTime now = now();
            checkTargetLimits(target, now);
            String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
            OffsetDateTime expiresAt = now.plus(TTL);
            db.insertInto(OTP_CODES)
                    .set(OTP_CODES.ID, Ids.newId())
                    .set(OTP_CODES.SCOPE, target.scope())
                    .set(OTP_CODES.PURPOSE, request.purpose())
                    .set(OTP_CODES.TARGET, target.value())
                    .set(OTP_CODES.CODE_HASH, hash(target, request.purpose(), code))
                    .set(OTP_CODES.REQUESTED_IP, clientIp)
                    .set(OTP_CODES.CREATED_AT, now)
                    .set(OTP_CODES.EXPIRES_AT, expiresAt)
                    .execute();
            messages.send(target.organizationId(), target.channel(), target.value(), "Your verification code",
                    "Your EduConsult verification code is " + code + ". It expires in " + TTL.toMinutes()
                            + " minutes. Never share it with anyone.");
            return new Sent(true, target.channel().name().toLowerCase(), target.value(), expiresAt, TTL.toSeconds());
        });
    }

    /**
     * Checks a code. A wrong try is counted even though the answer is an error, so the count is committed
     * before the error is thrown.
     */
    Verification verify(OtpRequests.Verify request, String clientIp) {
        return verify(request, clientIp, "code");
    }

    /** As {@link #verify(OtpRequests.Verify, String)}, naming the code field as the caller's API does. */
    Verification verify(OtpRequests.Verify request, String clientIp, String codeField) {
        if (!verifyLimiter.tryAcquire(clientIp)) {
            throw ApiException.tooManyRequests("Too many codes tried from this address; try again later");
        }
        Target target = transactions.execute(status -> {
            Target found = target(request.phone(), request.email(), request.organizationSlug());
            return attempt(found, request.purpose(), request.code()) ? found : null;
        });
        if (target == null) {
            throw ApiException.invalid(codeField, "is wrong or has expired; after " + MAX_ATTEMPTS
                    + " wrong tries a code stops working, so request a new one");
        }
        String token = verificationTokens.issue(target.value(), target.scope(), request.purpose());
        return new Verification(true, token, now().plus(VerificationTokens.TTL));
    }

    /**
     * Redeems, once, the verification of a phone for registration: a register code for it, in no organization or
     * in the given one, verified within {@link VerificationTokens#TTL}. Runs in the caller's transaction, so a
     * registration that fails later leaves the verification usable.
     */
    boolean redeemPhoneVerification(String e164, String organizationSlug) {
        OffsetDateTime now = now();
        var latest = db.select(OTP_CODES.ID).from(OTP_CODES)
                .where(OTP_CODES.SCOPE.in("", organizationSlug), OTP_CODES.PURPOSE.eq(REGISTER),
                        OTP_CODES.TARGET.eq(e164), OTP_CODES.CONSUMED_AT.gt(now.minus(VerificationTokens.TTL)),
                        OTP_CODES.REDEEMED_AT.isNull())
                .orderBy(OTP_CODES.CONSUMED_AT.desc())
                .limit(1);
        return db.update(OTP_CODES).set(OTP_CODES.REDEEMED_AT, now)
                .where(OTP_CODES.ID.eq(latest), OTP_CODES.REDEEMED_AT.isNull())
                .execute() == 1;
    }

    private boolean attempt(Target target, String purpose, String code) {
        OffsetDateTime now = now();
        OtpCodesRecord live = db.selectFrom(OTP_CODES)
                .where(OTP_CODES.SCOPE.eq(target.scope()), OTP_CODES.PURPOSE.eq(purpose),
                        OTP_CODES.TARGET.eq(target.value()))
                .orderBy(OTP_CODES.CREATED_AT.desc())
                .limit(1)
                .forUpdate()
                .fetchOne();
        if (live == null || live.getConsumedAt() != null || !live.getExpiresAt().isAfter(now)
                || live.getAttempts() >= MAX_ATTEMPTS) {
            return false;
        }
        boolean matches = MessageDigest.isEqual(live.getCodeHash(), hash(target, purpose, code));
        db.update(OTP_CODES)
                .set(OTP_CODES.ATTEMPTS, OTP_CODES.ATTEMPTS.plus(1))
                .set(OTP_CODES.CONSUMED_AT, matches ? now : null)
                .where(OTP_CODES.ID.eq(live.getId()))
                .execute();
        return matches;
    }

    /** Counted in the database under a lock on the target, so the limits hold across nodes and concurrent sends. */
    private void checkTargetLimits(Target target, OffsetDateTime now) {
        db.resultQuery("select pg_advisory_xact_lock(hashtext(?))", "otp:" + target.value()).fetch();
        if (sentSince(target, now.minus(SEND_WINDOW)) >= MAX_SENDS_PER_WINDOW) {
            throw ApiException.tooManyRequests("At most " + MAX_SENDS_PER_WINDOW + " codes may be sent to this "
                    + what(target) + " in " + SEND_WINDOW.toMinutes() + " minutes; try again later");
        }
        if (sentSince(target, now.minus(Duration.ofDays(1))) >= MAX_SENDS_PER_DAY) {
            throw ApiException.tooManyRequests("At most " + MAX_SENDS_PER_DAY + " codes may be sent to this "
                    + what(target) + " in a day; try again tomorrow");
        }
    }

    private int sentSince(Target target, OffsetDateTime since) {
        return db.fetchCount(OTP_CODES, OTP_CODES.TARGET.eq(target.value()), OTP_CODES.CREATED_AT.gt(since));
    }

    private Target target(String phone, String email, String organizationSlug) {
        boolean hasPhone = phone != null && !phone.isBlank();
        boolean hasEmail = email != null && !email.isBlank();
        if (hasPhone == hasEmail) {
            throw ApiException.invalid(hasPhone ? "email" : "phone", "give either a phone or an email, not both");
        }
        OrganizationsRecord organization = null;
        if (organizationSlug != null && !organizationSlug.isBlank()) {
            organization = organizations.findBySlug(organizationSlug).filter(OrganizationsRecord::getActive)
                    .orElseThrow(() -> ApiException.invalid("organization_slug", "is not a known organization"));
        }
        String scope = organization == null ? "" : organization.getSlug();
        UUID organizationId = organization == null ? null : organization.getId();
        if (hasEmail) {
            return new Target(email.trim().toLowerCase(), MessageGateway.Channel.EMAIL, scope, organizationId);
        }
        String region = organization == null ? PhoneNumbers.DEFAULT_REGION : Organizations.phoneRegion(organization);
        String e164 = PhoneNumbers.normalize(phone, region)
                .orElseThrow(() -> ApiException.invalid("phone", "is not a valid phone number"));
        return new Target(e164, MessageGateway.Channel.SMS, scope, organizationId);
    }

    private byte[] hash(Target target, String purpose, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
            String message = target.scope() + "\n" + purpose + "\n" + target.value() + "\n" + code;
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not hash a one-time code", e);
        }
    }

    private static String what(Target target) {
        return target.channel() == MessageGateway.Channel.SMS ? "phone" : "email";
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
