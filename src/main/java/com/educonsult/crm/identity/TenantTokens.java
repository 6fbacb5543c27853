package com.educonsult.crm.identity;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque secrets (refresh tokens, API keys) that name their organization, so the server can look them up
 * inside that tenant: {@code prefix.<organization>.<random>}. Only their SHA-256 is stored.
 */
final class TenantTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private TenantTokens() {
    }

    static String mint(String prefix, UUID organizationId) {
        ByteBuffer organization = ByteBuffer.allocate(16)
                .putLong(organizationId.getMostSignificantBits())
                .putLong(organizationId.getLeastSignificantBits());
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return prefix + "." + ENCODER.encodeToString(organization.array()) + "." + ENCODER.encodeToString(secret);
    }

    static Optional<UUID> organizationOf(String prefix, String token) {
        if (token == null || token.length() > 200 || !token.startsWith(prefix + ".")) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            ByteBuffer organization = ByteBuffer.wrap(Base64.getUrlDecoder().decode(parts[1]));
            if (organization.remaining() != 16) {
                return Optional.empty();
            }
            return Optional.of(new UUID(organization.getLong(), organization.getLong()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
