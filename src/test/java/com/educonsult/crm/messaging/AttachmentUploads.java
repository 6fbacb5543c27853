package com.educonsult.crm.messaging;

import com.educonsult.crm.support.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Files uploaded for messages the way a client does it: an upload URL from the API, then a PUT to it. */
public final class AttachmentUploads {

    private static final HttpClient FILES = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private AttachmentUploads() {
    }

    public static ApiTest.Response ticket(ApiTest.Api api, String token, String fileName, String contentType,
            long size, String channel) {
        Map<String, Object> body = new HashMap<>(Map.of("file_name", fileName, "content_type", contentType,
                "size", size));
        if (channel != null) {
            body.put("channel", channel);
        }
        return api.post("/api/v1/communications/attachments", token, body);
    }

    /** Uploads the file and answers its key. */
    public static String upload(ApiTest.Api api, String token, String fileName, String contentType, byte[] bytes)
            throws Exception {
        JsonNode ticket = ticket(api, token, fileName, contentType, bytes.length, null).expect(201).data();
        int status = put(ticket, bytes);
        if (status != 200 && status != 201 && status != 204) {
            throw new IllegalStateException("The upload was refused: " + status);
        }
        return ticket.get("key").asString();
    }

    public static int put(JsonNode ticket, byte[] bytes) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ticket.get("upload_url").asString()))
                .method(ticket.get("method").asString(), HttpRequest.BodyPublishers.ofByteArray(bytes));
        ticket.get("headers").properties().forEach(h -> request.header(h.getKey(), h.getValue().asString()));
        return FILES.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public static byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = FILES.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The download was refused: " + response.statusCode());
        }
        return response.body();
    }

    /** Some bytes that look like a PDF. */
    public static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        byte[] head = "%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, Math.min(head.length, size));
        for (int i = head.length; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
