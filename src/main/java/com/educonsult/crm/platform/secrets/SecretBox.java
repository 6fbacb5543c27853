package com.educonsult.crm.platform.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for storage with AES-GCM: {@code v1.<key id>.<base64 of nonce and ciphertext>}. The key id (the
 * first bytes of the key's SHA-256) tells which key opens a value, so keys can be rotated: the new key seals,
 * the previous ones still open until every value has been sealed again.
 */
public final class SecretBox {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Key current;
    private final Map<String, Key> keys = new LinkedHashMap<>();

    private record Key(String id, SecretKeySpec spec) {
        static Key of(byte[] bytes) {
            if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
                throw new IllegalArgumentException("An AES key has 16, 24 or 32 bytes, not " + bytes.length);
            }
            return new Key(idOf(bytes), new SecretKeySpec(bytes, "AES"));
        }
    }

    public SecretBox(byte[] currentKey, Iterable<byte[]> previousKeys) {
        this.current = Key.of(currentKey);
        keys.put(current.id(), current);
        for (byte[] previous : previousKeys) {
            Key key = Key.of(previous);
            keys.putIfAbsent(key.id(), key);
        }
    }

    /** The box of the configuration: its key, or the one generated once into the key file. */
    static SecretBox from(SecretsProperties properties) {
        byte[] key = properties.key() != null && !properties.key().isBlank()
                ? decode(properties.key()) : keyFromFile(Path.of(properties.keyFile()));
        return new SecretBox(key, properties.previousKeys().stream().filter(k -> !k.isBlank())
                .map(SecretBox::decode).toList());
    }

    public String seal(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(current.id().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + "." + current.id() + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a secret", e);
        }
    }

    /** The plaintext of a sealed value; refuses a value altered or sealed with a key this box does not hold. */
    public String open(String sealed) {
        if (sealed == null) {
            return null;
        }
        String[] parts = sealed.split("\\.", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        Key key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("A secret was sealed with key " + parts[1]
                    + ", which is not configured (crm.secrets.key or crm.secrets.previous-keys)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(key.id().getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A sealed secret could not be opened: it was altered or the key is wrong", e);
        }
    }

    /** Whether the value was sealed with an older key and should be sealed again. */
    public boolean sealedWithOlderKey(String sealed) {
        return sealed != null && !sealed.startsWith(VERSION + "." + current.id() + ".");
    }

    /** The value sealed with the current key. */
    public String reseal(String sealed) {
        return sealedWithOlderKey(sealed) ? seal(open(sealed)) : sealed;
    }

    private static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64.trim());
    }

    private static byte[] keyFromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file));
            }
            byte[] generated = new byte[32];
            RANDOM.nextBytes(generated);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(generated));
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the secrets key at " + file, e);
        }
    }

    /**
     * An HMAC-SHA256 of the data (base64url, unpadded) under a key derived from the current key for the purpose, for
     * tokens that must not be forged (tracked links); a key rotation makes earlier signatures fail.
     */
    public String sign(String purpose, String data) {
        try {
            javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
            derive.init(new javax.crypto.spec.SecretKeySpec(current.spec().getEncoded(), "HmacSHA256"));
            byte[] purposeKey = derive.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(purposeKey, "HmacSHA256"));
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the signature is {@link #sign}'s for the purpose and data, compared in constant time. */
    public boolean verify(String purpose, String data, String signature) {
        return signature != null && java.security.MessageDigest.isEqual(
                sign(purpose, data).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                signature.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
