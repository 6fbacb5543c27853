package com.educonsult.crm.platform.web;

import io.swagger.v3.oas.annotations.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The verification handshake Meta makes when one of its webhooks (lead ads, WhatsApp) is set up: a GET with
 * {@code hub.mode=subscribe}, the verify token entered on Meta's side and a challenge to echo as text.
 */
public final class WebhookHandshake {

    /** The handshake's query parameters (bound with {@code @ParameterObject}). */
    public record Request(
            @Parameter(name = "hub.mode", description = "subscribe") @BindParam("hub.mode") String mode,
            @Parameter(name = "hub.verify_token") @BindParam("hub.verify_token") String token,
            @Parameter(name = "hub.challenge") @BindParam("hub.challenge") String challenge) {

        /** See {@link WebhookHandshake#answer}. */
        public ResponseEntity<String> answer(Predicate<String> tokenKnown, String expectedToken) {
            return WebhookHandshake.answer(mode, token, challenge, tokenKnown, expectedToken);
        }
    }

    /** The longest challenge echoed. */
    static final int MAX_CHALLENGE = 1000;

    private WebhookHandshake() {
    }

    /**
     * The challenge as text when the mode is subscribe and the token is known; otherwise 403 saying which token is
     * expected ({@code expectedToken}, e.g. "the configured verify token"). A missing or too long challenge is 400.
     */
    public static ResponseEntity<String> answer(String mode, String token, String challenge,
            Predicate<String> tokenKnown, String expectedToken) {
        if (!"subscribe".equals(mode) || token == null || token.isBlank() || !tokenKnown.test(token)) {
            throw ApiException.forbidden("hub.mode must be subscribe and hub.verify_token " + expectedToken);
        }
        if (challenge == null || challenge.isEmpty() || challenge.length() > MAX_CHALLENGE) {
            throw ApiException.invalid("hub.challenge", "must be given, at most " + MAX_CHALLENGE + " characters");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }

    /** Whether the token is the configured one, compared in constant time; never when none is configured. */
    public static boolean isConfigured(String token, String configured) {
        return configured != null && !configured.isBlank() && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), configured.getBytes(StandardCharsets.UTF_8));
    }
}
