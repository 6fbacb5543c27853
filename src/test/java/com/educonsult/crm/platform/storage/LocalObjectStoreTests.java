package com.educonsult.crm.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The local store, as the running server serves it: the contract, and the size limit it alone can enforce on
 * a presigned upload.
 */
class LocalObjectStoreTests extends ApiTest implements ObjectStoreContract {

    @Autowired
    private ObjectStore store;

    @Override
    public ObjectStore store() {
        return store;
    }

    @Test
    void isTheDefaultStore() {
        assertThat(store).isInstanceOf(LocalObjectStore.class);
    }

    @Test
    void aBodyOverTheSignedLimitIsRefusedAndNothingIsStored() throws Exception {
        String key = unique("org") + "/recordings/large.m4a";
        var upload = store.presignUpload(key, "audio/mp4", 1000, Duration.ofMinutes(5));

        assertThat(ObjectStoreContract.send(upload, new byte[5000]).statusCode()).isEqualTo(413);
        assertThat(store.stat(key)).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheSignedLimitIsRefusedAndNothingIsStored() throws Exception {
        String key = unique("org") + "/recordings/chunked.m4a";
        var upload = store.presignUpload(key, "audio/mp4", 1000, Duration.ofMinutes(5));

        var response = HTTP.send(HttpRequest.newBuilder(upload.url()).header("Content-Type", "audio/mp4")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[5000]))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(store.stat(key)).isEmpty();
    }

    @Test
    void aBodyAtTheSignedLimitIsStored() throws Exception {
        String key = unique("org") + "/recordings/exact.m4a";
        var upload = store.presignUpload(key, "audio/mp4", 1000, Duration.ofMinutes(5));

        assertThat(ObjectStoreContract.send(upload, new byte[1000]).statusCode()).isEqualTo(200);
        assertThat(store.stat(key)).hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(1000));
    }

    @Test
    void aUrlWithALargerLimitThanSignedIsRefused() throws Exception {
        String key = unique("org") + "/recordings/limit.m4a";
        var upload = store.presignUpload(key, "audio/mp4", 1000, Duration.ofMinutes(5));
        var raised = new ObjectStore.PresignedRequest("PUT",
                java.net.URI.create(upload.url().toString().replace("max=1000", "max=100000")), upload.headers(),
                upload.expiresAt());

        assertThat(ObjectStoreContract.send(raised, new byte[5000]).statusCode()).isEqualTo(403);
        assertThat(store.stat(key)).isEmpty();
    }
}
