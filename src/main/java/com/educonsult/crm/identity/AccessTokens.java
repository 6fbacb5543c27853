package com.educonsult.crm.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Short-lived HS256 access tokens. Only HS256 is accepted: {@code alg: none} and every other algorithm are
 * refused, as are expired tokens and tokens with a wrong signature.
 */
@Component
class AccessTokens {

    record Claims(UUID organizationId, UUID userId, UUID sessionId, UUID impersonatorId, Instant expiresAt) {
    }

    private static final String ISSUER = "educonsult-crm";

    private final byte[] key;
    private final Clock clock;
    /** Tokens whose signature and claims were checked: a request with one of them costs no HMAC nor JSON parsing. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Claims> verified =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                    .expireAfterWrite(java.time.Duration.ofMinutes(15)).build();

    AccessTokens(IdentityProperties properties, Clock clock) throws IOException {
        this.key = signingKey(properties);
        this.clock = clock;
    }

    String issue(Claims claims) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(claims.userId().toString())
                .claim("org", claims.organizationId().toString())
                .claim("sid", claims.sessionId().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(claims.expiresAt()))
                .jwtID(UUID.randomUUID().toString());
        if (claims.impersonatorId() != null) {
            body.claim("imp", claims.impersonatorId().toString());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), body.build());
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
        return jwt.serialize();
    }

    /** The claims of a valid token, or {@code null} for anything else. */
    Claims verify(String token) {
        Claims claims = verified.getIfPresent(token);
        if (claims == null) {
            claims = parse(token);
            if (claims == null) {
                return null;
            }
            verified.put(token, claims);
        }
        if (!claims.expiresAt().isAfter(clock.instant())) {
            verified.invalidate(token);
            return null;
        }
        return claims;
    }

    private Claims parse(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return null;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (expires == null || !expires.toInstant().isAfter(clock.instant()) || !ISSUER.equals(claims.getIssuer())) {
                return null;
            }
            String impersonator = claims.getStringClaim("imp");
            return new Claims(
                    UUID.fromString(claims.getStringClaim("org")),
                    UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.getStringClaim("sid")),
                    impersonator == null ? null : UUID.fromString(impersonator),
                    expires.toInstant());
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /**
     * A key for another use (one-time code hashes, verification tokens), derived from the signing key so that
     * no second secret has to be configured, and different per use so one never verifies the other.
     */
    byte[] derivedKey(String use) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(use.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not derive a key", e);
        }
    }

    private static byte[] signingKey(IdentityProperties properties) throws IOException {
        if (properties.jwtSecret() != null && !properties.jwtSecret().isBlank()) {
            byte[] configured = Base64.getDecoder().decode(properties.jwtSecret().trim());
            if (configured.length < 32) {
                throw new IllegalStateException("JWT_SECRET must be base64 of at least 32 bytes");
            }
            return configured;
        }
        Path file = Path.of(properties.jwtSecretFile());
        if (Files.exists(file)) {
            return Base64.getDecoder().decode(Files.readString(file).trim());
        }
        byte[] generated = new byte[32];
        new SecureRandom().nextBytes(generated);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(generated));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the file keeps the directory's permissions
        }
        return generated;
    }
}
