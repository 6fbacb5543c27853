package com.educonsult.crm.platform.web;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The {@code Idempotency-Key} header on the canonical API's POSTs made with credentials: the first request with a
 * key runs and its answer is kept; a retry with the same key and the same request gets that answer again (marked
 * {@code Idempotent-Replayed: true}) without running; the same key with another request is a 422, and a retry
 * while the first is still running a 409. Unauthenticated POSTs (login, registration, OTP) ignore the header,
 * and the Android app's routes are idempotent by their own natural keys.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;

    /** Answers a retry may change: a timeout, a conflict or a rate limit is not the request's final answer. */
    private static final Set<Integer> PASSING_REFUSALS = Set.of(408, 409, 429);

    private final IdempotencyKeys keys;
    private final ErrorWriter errorWriter;
    private final Clock clock;

    public IdempotencyFilter(IdempotencyKeys keys, ErrorWriter errorWriter, Clock clock) {
        this.keys = keys;
        this.errorWriter = errorWriter;
        this.clock = clock;
    }

    /** Whether an answer with this status is kept for retries: successes and final client errors, not 5xx. */
    static boolean isKept(int status) {
        return (status >= 200 && status < 300) || (status >= 400 && status < 500 && !PASSING_REFUSALS.contains(status));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !path.startsWith("/api/") || MobileApi.handles(request)
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CurrentUser> user = Authenticated.current();
        if (user.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            errorWriter.write(request, response, HttpStatus.BAD_REQUEST, "The Idempotency-Key header is invalid",
                    List.of(new FieldError(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters")));
            return;
        }
        HttpServletRequest readable;
        String hash;
        try {
            readable = readBody(request);
            hash = requestHash(readable);
        } catch (RequestTooLargeException e) {
            errorWriter.write(request, response, HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), List.of());
            return;
        }
        CurrentUser caller = user.get();
        var owner = new IdempotencyKeys.Owner(caller.organizationId(),
                caller.apiKeyId() != null ? caller.apiKeyId() : caller.userId(), key);
        switch (keys.claim(owner, hash, clock.instant())) {
            case IdempotencyKeys.Claimed claimed -> runAndKeep(owner, readable, response, chain);
            case IdempotencyKeys.Replay replay -> replay(replay.answer(), response);
            case IdempotencyKeys.Mismatch mismatch -> errorWriter.write(request, response,
                    HttpStatus.UNPROCESSABLE_CONTENT, "This Idempotency-Key was used with a different request",
                    List.of(new FieldError(HEADER, "was used with a different request")));
            case IdempotencyKeys.InProgress inProgress -> errorWriter.write(request, response, HttpStatus.CONFLICT,
                    "A request with this Idempotency-Key is in progress", List.of());
        }
    }

    private void runAndKeep(IdempotencyKeys.Owner owner, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        var capture = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(request, capture);
            int status = capture.getStatus();
            if (isKept(status)) {
                keys.complete(owner, new IdempotencyKeys.StoredAnswer(status, capture.getContentType(),
                        capture.getHeader(HttpHeaders.LOCATION), capture.getContentAsByteArray()));
                kept = true;
            }
        } finally {
            if (!kept) {
                keys.release(owner);
            }
            capture.copyBodyToResponse();
        }
    }

    private static void replay(IdempotencyKeys.StoredAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        response.setHeader(REPLAYED_HEADER, "true");
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** SHA-256 of method, path, query and body (for multipart, each part's name, file name and content). */
    private static String requestHash(HttpServletRequest request) throws IOException, ServletException {
        MessageDigest digest = sha256();
        String target = request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + "\n";
        digest.update(target.getBytes(StandardCharsets.UTF_8));
        if (request instanceof BufferedRequest buffered) {
            digest.update(buffered.body);
        } else {
            for (Part part : request.getParts()) {
                digest.update((part.getName() + "\0" + part.getSubmittedFileName() + "\0").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = part.getInputStream()) {
                    digest.update(in.readAllBytes());
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static HttpServletRequest readBody(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
            return request; // the container keeps the parsed parts for the handler
        }
        return new BufferedRequest(request, request.getInputStream().readAllBytes());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once, given again to whoever reads it next. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
