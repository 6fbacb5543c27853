package com.educonsult.crm.platform.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param type {@code local} (default: files under {@code localDirectory}, served by this server through signed
 *             URLs) or {@code s3} (any S3-compatible store: AWS S3, Cloudflare R2, MinIO)
 * @param localDirectory where the local store keeps files
 * @param signingKey base64 HMAC key for the local store's URLs; generated once into {@code signingKeyFile} when blank
 * @param signingKeyFile where the generated key is kept
 * @param s3 the S3 store's settings
 */
@ConfigurationProperties("crm.storage")
public record StorageProperties(
        @DefaultValue("local") String type,
        @DefaultValue("./data/files") String localDirectory,
        String signingKey,
        @DefaultValue("./data/storage-key") String signingKeyFile,
        @DefaultValue S3 s3) {

    /**
     * @param endpoint e.g. {@code https://<account>.r2.cloudflarestorage.com} or {@code http://minio:9000}; blank for AWS
     * @param pathStyle path-style addressing (MinIO and most self-hosted stores)
     */
    public record S3(String bucket, @DefaultValue("us-east-1") String region, String endpoint, String accessKey,
            String secretKey, @DefaultValue("false") boolean pathStyle) {
    }
}
