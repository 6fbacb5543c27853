package com.educonsult.crm.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} must do, whatever keeps the bytes. Each store's test class implements this
 * interface and says which store it tests; clients use only the presigned URLs and the headers given with them.
 */
interface ObjectStoreContract {

    HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Duration TTL = Duration.ofMinutes(5);

    ObjectStore store();

    @Test
    default void anObjectUploadedToAPresignedUrlIsDownloadedFromAPresignedUrl() throws Exception {
        String key = newKey("call.m4a");
        byte[] audio = bytes(5000);

        assertThat(send(store().presignUpload(key, "audio/mp4", 10_000, TTL), audio).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> download = send(store().presignDownload(key, TTL), null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(audio);
    }

    @Test
    default void theHeadersGivenWithAPresignedUploadAreNeededAndSuffice() throws Exception {
        String key = newKey("headers.m4a");
        ObjectStore.PresignedRequest upload = store().presignUpload(key, "audio/mp4", 10_000, TTL);

        assertThat(upload.method()).isEqualTo("PUT");
        assertThat(upload.headers()).containsEntry("Content-Type", "audio/mp4");
        HttpResponse<byte[]> withoutHeaders = HTTP.send(HttpRequest.newBuilder(upload.url())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(10))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(withoutHeaders.statusCode()).isBetween(400, 499);
        assertThat(store().stat(key)).isEmpty();

        assertThat(send(upload, bytes(10)).statusCode()).isEqualTo(200);
        assertThat(store().stat(key)).isPresent();
    }

    @Test
    default void anUploadWithAnotherContentTypeThanSignedIsRefused() throws Exception {
        String key = newKey("type.m4a");
        ObjectStore.PresignedRequest upload = store().presignUpload(key, "audio/mp4", 10_000, TTL);

        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(upload.url()).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(10))).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(store().stat(key)).isEmpty();
    }

    @Test
    default void statGivesTheSizeAndContentTypeOfAnUploadedObject() throws Exception {
        String key = newKey("stat.m4a");
        OffsetDateTime before = OffsetDateTime.now().minusMinutes(1);
        send(store().presignUpload(key, "audio/mp4", 10_000, TTL), bytes(1234));

        assertThat(store().stat(key)).hasValueSatisfying(info -> {
            assertThat(info.key()).isEqualTo(key);
            assertThat(info.size()).isEqualTo(1234);
            assertThat(info.contentType()).isEqualTo("audio/mp4");
            assertThat(info.lastModified()).isAfter(before);
        });
    }

    @Test
    default void anObjectPutDirectlyIsOpenedStatedAndDeleted() throws Exception {
        String key = newKey("export.csv");
        byte[] content = bytes(3000);

        store().put(key, new ByteArrayInputStream(content), content.length, "text/csv");

        try (InputStream in = store().open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store().stat(key)).hasValueSatisfying(info -> {
            assertThat(info.size()).isEqualTo(3000);
            assertThat(info.contentType()).isEqualTo("text/csv");
        });
        store().delete(key);
        assertThat(store().stat(key)).isEmpty();
        assertThat(send(store().presignDownload(key, TTL), null).statusCode()).isEqualTo(404);
    }

    @Test
    default void anObjectPutAgainIsReplaced() throws Exception {
        String key = newKey("replaced.txt");
        store().put(key, new ByteArrayInputStream(bytes(100)), 100, "text/plain");
        byte[] second = "second".getBytes();

        store().put(key, new ByteArrayInputStream(second), second.length, "text/plain");

        try (InputStream in = store().open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(second);
        }
    }

    @Test
    default void aMissingObjectHasNoStat() {
        assertThat(store().stat(newKey("missing.m4a"))).isEmpty();
    }

    @Test
    default void deletingIsIdempotent() {
        String key = newKey("twice.txt");
        store().put(key, new ByteArrayInputStream(bytes(10)), 10, "text/plain");

        store().delete(key);
        store().delete(key);
        store().delete(newKey("never-existed.txt"));

        assertThat(store().stat(key)).isEmpty();
    }

    @Test
    default void aPresignedDownloadServesARange() throws Exception {
        String key = newKey("range.m4a");
        byte[] audio = bytes(1000);
        store().put(key, new ByteArrayInputStream(audio), audio.length, "audio/mp4");
        ObjectStore.PresignedRequest download = store().presignDownload(key, TTL);

        HttpResponse<byte[]> partial = HTTP.send(HttpRequest.newBuilder(download.url()).header("Range", "bytes=100-199")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.body()).isEqualTo(Arrays.copyOfRange(audio, 100, 200));
        assertThat(partial.headers().firstValue("Content-Range")).hasValue("bytes 100-199/1000");
    }

    @Test
    default void presignedRequestsSayWhenTheyExpire() {
        OffsetDateTime now = OffsetDateTime.now();

        assertThat(store().presignUpload(newKey("a.m4a"), "audio/mp4", 10, TTL).expiresAt())
                .isBetween(now.plus(TTL).minusSeconds(5), now.plus(TTL).plusSeconds(5));
        assertThat(store().presignDownload(newKey("a.m4a"), TTL).expiresAt())
                .isBetween(now.plus(TTL).minusSeconds(5), now.plus(TTL).plusSeconds(5));
    }

    @Test
    default void expiredUrlsAreRefused() throws Exception {
        String key = newKey("expired.m4a");
        store().put(key, new ByteArrayInputStream(bytes(10)), 10, "audio/mp4");
        ObjectStore.PresignedRequest upload = store().presignUpload(newKey("late.m4a"), "audio/mp4", 10_000,
                Duration.ofSeconds(1));
        ObjectStore.PresignedRequest download = store().presignDownload(key, Duration.ofSeconds(1));

        // one second past the expiry, however the store rounds it
        Thread.sleep(Math.max(0, Duration.between(OffsetDateTime.now(), download.expiresAt()).toMillis()) + 1100);

        assertThat(send(upload, bytes(10)).statusCode()).isEqualTo(403);
        assertThat(send(download, null).statusCode()).isEqualTo(403);
    }

    @Test
    default void aUrlChangedToAnotherKeyIsRefused() throws Exception {
        String key = newKey("signed.m4a");
        String other = newKey("other.m4a");
        store().put(other, new ByteArrayInputStream(bytes(10)), 10, "audio/mp4");
        ObjectStore.PresignedRequest upload = store().presignUpload(key, "audio/mp4", 10_000, TTL);
        ObjectStore.PresignedRequest download = store().presignDownload(key, TTL);

        assertThat(send(retargeted(upload, key, other), bytes(10)).statusCode()).isEqualTo(403);
        assertThat(send(retargeted(download, key, other), null).statusCode()).isEqualTo(403);
        assertThat(store().stat(other)).hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(10));
    }

    @Test
    default void aUrlWithAnAlteredSignatureIsRefused() throws Exception {
        String key = newKey("forged.m4a");
        store().put(key, new ByteArrayInputStream(bytes(10)), 10, "audio/mp4");
        ObjectStore.PresignedRequest download = store().presignDownload(key, TTL);

        assertThat(send(withAlteredSignature(download), null).statusCode()).isEqualTo(403);
        assertThat(send(withAlteredSignature(store().presignUpload(newKey("forged-upload.m4a"), "audio/mp4", 10_000,
                TTL)), bytes(10)).statusCode()).isEqualTo(403);
    }

    @Test
    default void aDownloadUrlCannotBeUsedToUpload() throws Exception {
        String key = newKey("readonly.m4a");
        store().put(key, new ByteArrayInputStream(bytes(10)), 10, "audio/mp4");
        ObjectStore.PresignedRequest download = store().presignDownload(key, TTL);

        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(download.url()).header("Content-Type", "audio/mp4")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(20))).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(store().stat(key)).hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(10));
    }

    @Test
    default void openingAKeyWithNoObjectSaysTheObjectIsMissing() {
        String key = "contract/missing-" + java.util.UUID.randomUUID() + ".bin";
        assertThatThrownBy(() -> store().open(key)).isInstanceOf(ObjectStore.MissingObjectException.class);
        store().put(key, new ByteArrayInputStream(bytes(3)), 3, "application/octet-stream");
        store().delete(key);
        assertThatThrownBy(() -> store().open(key)).isInstanceOf(ObjectStore.MissingObjectException.class);
    }

    @Test
    default void everyOperationRejectsAnInvalidKey() {
        for (String key : List.of("../etc/passwd", "org/../../etc/passwd", "/absolute", "a//b", "a b", "", "é.txt",
                ".hidden", "x".repeat(513))) {
            List<ThrowingCallable> operations = List.of(
                    () -> ObjectStore.checkedKey(key),
                    () -> store().presignUpload(key, "audio/mp4", 10, TTL),
                    () -> store().presignDownload(key, TTL),
                    () -> store().stat(key),
                    () -> store().put(key, new ByteArrayInputStream(bytes(1)), 1, "text/plain"),
                    () -> store().open(key),
                    () -> store().delete(key));
            for (ThrowingCallable operation : operations) {
                assertThatThrownBy(operation).as("key %s", key).isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThat(ObjectStore.checkedKey("org-1/recordings/2024_05/call-7.m4a"))
                .isEqualTo("org-1/recordings/2024_05/call-7.m4a");
    }

    private static String newKey(String name) {
        return "org-" + UUID.randomUUID() + "/recordings/" + name;
    }

    /** Sends a presigned request as a client would: its method, URL and exactly the headers given with it. */
    static HttpResponse<byte[]> send(ObjectStore.PresignedRequest presigned, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(presigned.url());
        presigned.headers().forEach(request::header);
        request.method(presigned.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static ObjectStore.PresignedRequest retargeted(ObjectStore.PresignedRequest presigned, String key,
            String other) {
        String url = presigned.url().toString();
        assertThat(url).contains(key);
        return new ObjectStore.PresignedRequest(presigned.method(), URI.create(url.replace(key, other)),
                presigned.headers(), presigned.expiresAt());
    }

    /** Both stores put the hex signature last in the query string; one digit of it is changed. */
    private static ObjectStore.PresignedRequest withAlteredSignature(ObjectStore.PresignedRequest presigned) {
        String url = presigned.url().toString();
        assertThat(url).matches(".*[?&][A-Za-z-]*[Ss]ignature=[0-9a-f]{64}");
        char last = url.charAt(url.length() - 1);
        String altered = url.substring(0, url.length() - 1) + (last == '0' ? '1' : '0');
        return new ObjectStore.PresignedRequest(presigned.method(), URI.create(altered), presigned.headers(),
                presigned.expiresAt());
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }
}
