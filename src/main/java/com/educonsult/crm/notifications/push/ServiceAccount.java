package com.educonsult.crm.notifications.push;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Google service account, as in the JSON key file Firebase gives: the project pushes are sent for, the account's
 * email, its RSA private key (PKCS #8 PEM) and the token endpoint the signed assertion is exchanged at.
 */
record ServiceAccount(String projectId, String clientEmail, String privateKeyId, RSAPrivateKey privateKey,
        String tokenUri) {

    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

    /** Reads the account from its JSON, or from the file at the path given instead. */
    static ServiceAccount parse(String jsonOrPath, JsonMapper json) {
        String text = jsonOrPath.trim();
        if (!text.startsWith("{")) {
            try {
                text = Files.readString(Path.of(text));
            } catch (IOException e) {
                throw new IllegalArgumentException("The service account file cannot be read: " + e.getMessage());
            }
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The service account is not JSON");
        }
        String projectId = text(node, "project_id");
        String clientEmail = text(node, "client_email");
        String privateKey = text(node, "private_key");
        if (projectId == null || clientEmail == null || privateKey == null) {
            throw new IllegalArgumentException("The service account needs project_id, client_email and private_key");
        }
        String tokenUri = text(node, "token_uri");
        return new ServiceAccount(projectId, clientEmail, text(node, "private_key_id"), rsaKey(privateKey),
                tokenUri == null ? DEFAULT_TOKEN_URI : tokenUri);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
    }

    private static RSAPrivateKey rsaKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("The service account's private_key is not an RSA key in PKCS #8 PEM");
        }
    }

    /** The key under which its access tokens are cached. */
    String cacheKey() {
        return clientEmail + " " + tokenUri;
    }
}
