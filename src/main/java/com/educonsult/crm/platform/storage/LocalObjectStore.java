package com.educonsult.crm.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Files on the local disk. The server itself serves their signed, expiring URLs under {@code /files/}
 * ({@link LocalFilesController}); a content type sidecar keeps what the uploader declared.
 */
class LocalObjectStore implements ObjectStore {

    static final String PATH_PREFIX = "/files/";

    private final Path root;
    private final UrlSigner signer;
    private final java.util.function.Supplier<String> baseUrl;
    private final Clock clock;

    /** @param baseUrl the server's public address, read at each use (the port may be known only once it listens) */
    LocalObjectStore(Path root, UrlSigner signer, java.util.function.Supplier<String> baseUrl, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.signer = signer;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    @Override
    public PresignedRequest presignUpload(String key, String contentType, long maxBytes, Duration ttl) {
        return presign("PUT", ObjectStore.checkedKey(key), contentType, maxBytes, ttl);
    }

    @Override
    public PresignedRequest presignDownload(String key, Duration ttl) {
        return presign("GET", ObjectStore.checkedKey(key), null, 0, ttl);
    }

    private PresignedRequest presign(String method, String key, String contentType, long maxBytes, Duration ttl) {
        Instant expires = clock.instant().plus(ttl);
        long expiresAt = expires.getEpochSecond();
        StringBuilder url = new StringBuilder(baseUrl.get()).append(PATH_PREFIX).append(key)
                .append("?expires=").append(expiresAt);
        if (maxBytes > 0) {
            url.append("&max=").append(maxBytes);
        }
        if (contentType != null) {
            url.append("&type=").append(URLEncoder.encode(contentType, StandardCharsets.UTF_8));
        }
        url.append("&signature=").append(signer.sign(method, key, expiresAt, maxBytes, contentType));
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new PresignedRequest(method, URI.create(url.toString()), headers,
                OffsetDateTime.ofInstant(expires, ZoneOffset.UTC));
    }

    /** Whether a request to one of this store's URLs carries a valid, unexpired signature. */
    boolean accepts(String method, String key, long expiresAt, long maxBytes, String contentType, String signature) {
        return expiresAt >= clock.instant().getEpochSecond()
                && signer.verify(signature, method, key, expiresAt, maxBytes, contentType);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Path file = pathOf(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectInfo(key, Files.size(file), contentTypeOf(file),
                    OffsetDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneOffset.UTC)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        Path file = pathOf(key);
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), ".upload-", ".part");
            try {
                Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            Files.writeString(sidecar(file), contentType == null ? "application/octet-stream" : contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(pathOf(key));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MissingObjectException(key, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        Path file = pathOf(key);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(sidecar(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path pathOf(String key) {
        Path file = root.resolve(ObjectStore.checkedKey(key)).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("Invalid object key: " + key);
        }
        return file;
    }

    String contentTypeOf(Path file) throws IOException {
        Path type = sidecar(file);
        return Files.exists(type) ? Files.readString(type).trim() : "application/octet-stream";
    }

    private static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".content-type");
    }
}
