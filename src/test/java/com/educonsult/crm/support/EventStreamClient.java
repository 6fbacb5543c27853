package com.educonsult.crm.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream in the background and hands over its events one by one. */
public final class EventStreamClient implements AutoCloseable {

    /** One event: its name and its data line. */
    public record Event(String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final HttpClient client = HttpClient.newHttpClient();

    public EventStreamClient(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET().build();
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> Thread.ofVirtual().start(() -> read(r.body())));
    }

    private void read(Stream<String> lines) {
        String[] name = {null};
        lines.forEach(line -> {
            if (line.startsWith("event:")) {
                name[0] = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                events.add(new Event(name[0], line.substring(5).trim()));
                name[0] = null;
            }
        });
    }

    /** The next event with the given name, skipping others, or null when none arrives in time. */
    public Event next(String eventName, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event != null && eventName.equals(event.name())) {
                return event;
            }
        }
        return null;
    }

    @Override
    public void close() {
        response.cancel(true);
        client.shutdownNow();
    }
}
