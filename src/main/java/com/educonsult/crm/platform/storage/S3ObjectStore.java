package com.educonsult.crm.platform.storage;

import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** Any S3-compatible store (AWS S3, Cloudflare R2, MinIO) through the AWS SDK v2 and its presigner. */
class S3ObjectStore implements ObjectStore {

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;

    S3ObjectStore(S3Client client, S3Presigner presigner, String bucket) {
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public PresignedRequest presignUpload(String key, String contentType, long maxBytes, Duration ttl) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(request -> request
                .signatureDuration(ttl)
                .putObjectRequest(put -> put.bucket(bucket).key(ObjectStore.checkedKey(key)).contentType(contentType)));
        return new PresignedRequest("PUT", toUri(presigned.url()), singleValued(presigned.signedHeaders()),
                OffsetDateTime.ofInstant(presigned.expiration(), ZoneOffset.UTC));
    }

    @Override
    public PresignedRequest presignDownload(String key, Duration ttl) {
        PresignedGetObjectRequest presigned = presigner.presignGetObject(request -> request
                .signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(bucket).key(ObjectStore.checkedKey(key))));
        return new PresignedRequest("GET", toUri(presigned.url()), Map.of(),
                OffsetDateTime.ofInstant(presigned.expiration(), ZoneOffset.UTC));
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        try {
            HeadObjectResponse head = client.headObject(h -> h.bucket(bucket).key(ObjectStore.checkedKey(key)));
            return Optional.of(new ObjectInfo(key, head.contentLength(), head.contentType(),
                    head.lastModified() == null ? null : OffsetDateTime.ofInstant(head.lastModified(), ZoneOffset.UTC)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        client.putObject(p -> p.bucket(bucket).key(ObjectStore.checkedKey(key)).contentType(contentType),
                RequestBody.fromInputStream(content, length));
    }

    @Override
    public InputStream open(String key) {
        String checked = ObjectStore.checkedKey(key);
        try {
            return client.getObject(g -> g.bucket(bucket).key(checked));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            throw new MissingObjectException(key, e);
        }
    }

    @Override
    public void delete(String key) {
        client.deleteObject(d -> d.bucket(bucket).key(ObjectStore.checkedKey(key)));
    }

    /**
     * Headers the client must send with the presigned request (the host is set by the HTTP client), named as the
     * local store names them ({@code Content-Type}): the signature covers their values, not the case of their names.
     */
    private static Map<String, String> singleValued(Map<String, List<String>> headers) {
        Map<String, String> result = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                result.put(conventional(name), String.join(",", values));
            }
        });
        return result;
    }

    private static String conventional(String headerName) {
        StringBuilder name = new StringBuilder(headerName.toLowerCase(java.util.Locale.ROOT));
        for (int i = 0; i < name.length(); i++) {
            if (i == 0 || name.charAt(i - 1) == '-') {
                name.setCharAt(i, Character.toUpperCase(name.charAt(i)));
            }
        }
        return name.toString();
    }

    private static java.net.URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
