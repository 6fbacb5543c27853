package com.educonsult.crm.platform.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import com.educonsult.crm.platform.PublicUrl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Chooses the object store from {@code crm.storage.type}. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    ObjectStore objectStore(StorageProperties properties, Clock clock, PublicUrl publicUrl) throws IOException {
        return switch (properties.type()) {
            case "local" -> new LocalObjectStore(Path.of(properties.localDirectory()), UrlSigner.from(properties),
                    publicUrl::base, clock);
            case "s3" -> s3(properties.s3());
            default -> throw new IllegalStateException("STORAGE_TYPE must be local or s3, not " + properties.type());
        };
    }

    static S3ObjectStore s3(StorageProperties.S3 settings) {
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            throw new IllegalStateException("STORAGE_S3_BUCKET is required when STORAGE_TYPE=s3");
        }
        AwsCredentialsProvider credentials = settings.accessKey() == null || settings.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        S3Configuration s3Configuration = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        Region region = Region.of(settings.region());
        S3ClientBuilder client = S3Client.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(s3Configuration);
        S3Presigner.Builder presigner = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(s3Configuration);
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            // S3-compatible stores often lack the SDK's default trailing checksums (aws-chunked uploads with a
            // CRC trailer): send and check checksums only where the operation requires them, as before SDK 2.30.
            client.endpointOverride(URI.create(settings.endpoint()))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            presigner.endpointOverride(URI.create(settings.endpoint()));
        }
        return new S3ObjectStore(client.build(), presigner.build(), settings.bucket());
    }
}
