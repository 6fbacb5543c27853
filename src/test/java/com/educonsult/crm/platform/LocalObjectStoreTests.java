package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.platform.storage.ObjectStore;
import com.educonsult.crm.support.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The local object store: the server serves its signed, expiring upload and download URLs itself. */
class LocalObjectStoreTests extends ApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private ObjectStore store;

    @Test
    void aFileUploadedToASignedUrlCanBeStatedReadAndDeleted() throws Exception {
        String key = unique("org") + "/recordings/call.m4a";
        byte[] audio = bytes(5000);

        var upload = store.presignUpload(key, "audio/mp4", 10_000, Duration.ofMinutes(5));
        assertThat(put(upload, "audio/mp4", audio).statusCode()).isEqualTo(200);

        assertThat(store.stat(key)).hasValueSatisfying(info -> {
            assertThat(info.size()).isEqualTo(5000);
            assertThat(info.contentType()).isEqualTo("audio/mp4");
        });
        var download = get(store.presignDownload(key, Duration.ofMinutes(5)).url(), null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(audio);

        store.delete(key);
        assertThat(store.stat(key)).isEmpty();
    }

    @Test
    void aRangeRequestGetsPartOfTheFile() throws Exception {
        String key = unique("org") + "/recordings/range.m4a";
        byte[] audio = bytes(1000);
        put(store.presignUpload(key, "audio/mp4", 10_000, Duration.ofMinutes(5)), "audio/mp4", audio);

        var partial = get(store.presignDownload(key, Duration.ofMinutes(5)).url(), "bytes=100-199");

        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.body()).isEqualTo(Arrays.copyOfRange(audio, 100, 200));
    }

    @Test
    void aTamperedUrlIsRefused() throws Exception {
        String key = unique("org") + "/recordings/tampered.m4a";
        var upload = store.presignUpload(key, "audio/mp4", 10_000, Duration.ofMinutes(5));
        String other = upload.url().toString().replace("tampered.m4a", "other.m4a");

        var response = HTTP.send(HttpRequest.newBuilder(URI.create(other)).header("Content-Type", "audio/mp4")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(10))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredUrlIsRefused() throws Exception {
        String key = unique("org") + "/recordings/expired.m4a";
        var upload = store.presignUpload(key, "audio/mp4", 10_000, Duration.ofSeconds(-5));

        assertThat(put(upload, "audio/mp4", bytes(10)).statusCode()).isEqualTo(403);
    }

    @Test
    void aBodyOverTheSignedLimitIsRefusedAndNothingIsStored() throws Exception {
        String key = unique("org") + "/recordings/large.m4a";
        var upload = store.presignUpload(key, "audio/mp4", 1000, Duration.ofMinutes(5));

        assertThat(put(upload, "audio/mp4", bytes(5000)).statusCode()).isEqualTo(413);
        assertThat(store.stat(key)).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheSignedLimitIsRefused() throws Exception {
        String key = unique("org") + "/recordings/chunked.m4a";
        var upload = store.presignUpload(key, "audio/mp4", 1000, Duration.ofMinutes(5));
        byte[] body = bytes(5000);

        var response = HTTP.send(HttpRequest.newBuilder(upload.url()).header("Content-Type", "audio/mp4")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(store.stat(key)).isEmpty();
    }

    @Test
    void anotherContentTypeThanSignedIsRefused() throws Exception {
        String key = unique("org") + "/recordings/type.m4a";
        var upload = store.presignUpload(key, "audio/mp4", 1000, Duration.ofMinutes(5));

        assertThat(put(upload, "text/plain", bytes(10)).statusCode()).isEqualTo(422);
    }

    @Test
    void aDownloadUrlCannotBeUsedToUpload() throws Exception {
        String key = unique("org") + "/recordings/readonly.m4a";
        var download = store.presignDownload(key, Duration.ofMinutes(5));

        var response = HTTP.send(HttpRequest.newBuilder(download.url()).header("Content-Type", "audio/mp4")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(10))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isIn(400, 403);
    }

    @Test
    void aKeyThatLeavesTheStoreIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObjectStore.checkedKey("../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpResponse<String> put(ObjectStore.PresignedRequest upload, String contentType, byte[] body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(upload.url()).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> get(URI url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }
}
