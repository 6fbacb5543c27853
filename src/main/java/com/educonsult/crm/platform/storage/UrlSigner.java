package com.educonsult.crm.platform.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures of the local store's URLs: method, key, expiry, size limit and content type. */
final class UrlSigner {

    private final byte[] key;

    UrlSigner(byte[] key) {
        this.key = key.clone();
    }

    static UrlSigner from(StorageProperties properties) throws IOException {
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            return new UrlSigner(Base64.getDecoder().decode(properties.signingKey().trim()));
        }
        Path file = Path.of(properties.signingKeyFile());
        if (Files.exists(file)) {
            return new UrlSigner(Base64.getDecoder().decode(Files.readString(file).trim()));
        }
        byte[] generated = new byte[32];
        new SecureRandom().nextBytes(generated);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(generated));
        return new UrlSigner(generated);
    }

    String sign(String method, String objectKey, long expiresEpochSecond, long maxBytes, String contentType) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String canonical = method + "\n" + objectKey + "\n" + expiresEpochSecond + "\n" + maxBytes + "\n"
                    + (contentType == null ? "" : contentType);
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verify(String signature, String method, String objectKey, long expiresEpochSecond, long maxBytes,
            String contentType) {
        if (signature == null) {
            return false;
        }
        String expected = sign(method, objectKey, expiresEpochSecond, maxBytes, contentType);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }
}
