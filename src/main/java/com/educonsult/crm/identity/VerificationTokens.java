package com.educonsult.crm.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Signed, short-lived proof that a phone or email was verified by a one-time code, for a later step (such as
 * registration) to accept without asking for another code.
 */
@Component
class VerificationTokens {

    static final Duration TTL = Duration.ofMinutes(15);
    private static final String ISSUER = "educonsult-crm/otp";

    /** What a verification token proves. */
    record Verified(String target, String scope, String purpose, Instant expiresAt) {
    }

    private final byte[] key;
    private final Clock clock;

    VerificationTokens(AccessTokens accessTokens, Clock clock) {
        this.key = accessTokens.derivedKey("otp-verification-token");
        this.clock = clock;
    }

    String issue(String target, String scope, String purpose) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(target)
                .claim("scope", scope)
                .claim("purpose", purpose)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TTL)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a verification token", e);
        }
        return jwt.serialize();
    }

    /** What a valid, unexpired token proves, or empty for anything else. */
    Optional<Verified> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (expires == null || !expires.toInstant().isAfter(clock.instant()) || !ISSUER.equals(claims.getIssuer())) {
                return Optional.empty();
            }
            return Optional.of(new Verified(claims.getSubject(), claims.getStringClaim("scope"),
                    claims.getStringClaim("purpose"), expires.toInstant()));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
