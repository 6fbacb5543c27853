package com.educonsult.crm.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store, configured as in production, against an S3-compatible server that checks signatures. */
class S3ObjectStoreTests implements ObjectStoreContract {

    private static final String BUCKET = "recordings";
    private static S3CompatibleServer server;
    private static ObjectStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3CompatibleServer.start();
        try (S3Client admin = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3CompatibleServer.ACCESS_KEY, S3CompatibleServer.SECRET_KEY))).build()) {
            admin.createBucket(bucket -> bucket.bucket(BUCKET));
        }
        store = StorageConfiguration.s3(new StorageProperties.S3(BUCKET, "us-east-1", server.endpoint().toString(),
                S3CompatibleServer.ACCESS_KEY, S3CompatibleServer.SECRET_KEY, true));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public ObjectStore store() {
        return store;
    }

    @Test
    void theServerIsNotOnTheApplicationClasspath() {
        assertThat(getClass().getClassLoader().getResource("org/gaul/s3proxy/S3Proxy.class")).isNull();
        assertThat(getClass().getClassLoader().getResource("org/jclouds/ContextBuilder.class")).isNull();
    }
}
