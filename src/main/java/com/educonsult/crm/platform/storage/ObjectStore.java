package com.educonsult.crm.platform.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Where files live (call recordings, documents, exports): the local file system by default, or any
 * S3-compatible store. Clients upload and download through presigned URLs, never through the API itself.
 * Keys are paths such as {@code <organization>/recordings/<id>.m4a}: letters, digits, {@code / _ . -}.
 */
public interface ObjectStore {

    /** A URL the client may send one request to until it expires, with the headers it must send along. */
    record PresignedRequest(String method, URI url, Map<String, String> headers, OffsetDateTime expiresAt) {
    }

    record ObjectInfo(String key, long size, String contentType, OffsetDateTime lastModified) {
    }

    /**
     * A PUT URL for one object. The local store refuses a body over {@code maxBytes}; S3 cannot limit a
     * presigned PUT, so callers check the size with {@link #stat} when the upload is confirmed.
     */
    PresignedRequest presignUpload(String key, String contentType, long maxBytes, Duration ttl);

    PresignedRequest presignDownload(String key, Duration ttl);

    Optional<ObjectInfo> stat(String key);

    void put(String key, InputStream content, long length, String contentType);

    /** The object's content; {@link MissingObjectException} when no object has the key. */
    InputStream open(String key);

    void delete(String key);

    /** Checks a key before it is used as a path or an object name. */
    static String checkedKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 512 || !key.matches("[A-Za-z0-9][A-Za-z0-9/_.\\-]*")
                || key.contains("..") || key.contains("//")) {
            throw new IllegalArgumentException("Invalid object key: " + key);
        }
        return key;
    }

    /** No object has the key (never stored, or deleted). */
    final class MissingObjectException extends RuntimeException {
        public MissingObjectException(String key, Throwable cause) {
            super("No object is stored under " + key, cause);
        }
    }
}
