package com.educonsult.crm.support;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document as the judge of every exchange the tests make. Each response must have a documented
 * status, a documented content type, and a body that matches its schema, where an object with documented
 * properties may carry no other field; each request the server accepted (2xx) must match the documented request
 * body. Requests refused with 4xx are not judged: tests send bad input on purpose.
 *
 * <p>A failure throws an {@link AssertionError}; with the system property {@code contract.findings} set to a file,
 * findings are appended there instead, so one run of the suite lists them all.
 */
public final class Contract {

    private static final String DOCUMENT_IRI = "https://contract.educonsult.test/openapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Contract> BY_SERVER = new ConcurrentHashMap<>();
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{[^}/]+}");

    private final JsonNode strictDocument;
    private final List<Route> routes;
    private final SchemaRegistry answers;
    private final SchemaRegistry requests;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record Route(String method, String template, Pattern pattern, int literals, JsonNode operation) {
    }

    private Contract(JsonNode document) {
        this.routes = routes(document);
        this.strictDocument = closeObjects(document.deepCopy());
        String strict = JSON.writeValueAsString(strictDocument);
        this.answers = registry(strict, true);
        this.requests = registry(strict, false);
    }

    /**
     * Answers are held to the formats exactly (what the server writes must be what it documents); requests are
     * not, since the server reads more than RFC 3339 (a time without seconds, say) and is the judge of it.
     */
    private static SchemaRegistry registry(String document, boolean formats) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemas(Map.of(DOCUMENT_IRI, document))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(formats).build()));
    }

    /** The contract of the server at this address, read once from its {@code /v3/api-docs}. */
    public static Contract of(String baseUrl) {
        return BY_SERVER.computeIfAbsent(baseUrl, Contract::load);
    }

    private static Contract load(String baseUrl) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Contract(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("The OpenAPI document could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Judges one exchange; {@code requestBody} is null when the test sent none or it is not known. */
    public void check(HttpRequest request, String requestBody, HttpResponse<String> response) {
        check(new Exchange(request.method(), request.uri().getRawPath(),
                request.headers().firstValue("Content-Type").orElse(""), requestBody, response.statusCode(),
                response.headers().map(), response.body()));
    }

    /** One request and its answer, as the contract judges them. */
    public record Exchange(String method, String path, String requestContentType, String requestBody, int status,
            Map<String, List<String>> responseHeaders, String responseBody) {

        String responseHeader(String name) {
            return responseHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    /** Judges one exchange: throws, or records the findings when asked to. */
    public void check(Exchange exchange) {
        List<String> findings = findings(exchange);
        if (!findings.isEmpty()) {
            report(exchange.method() + " " + exchange.path() + " -> " + exchange.status(), findings,
                    exchange.responseBody());
        }
    }

    /** What is wrong with one exchange; empty when it keeps to the document or no operation has its path. */
    public List<String> findings(Exchange exchange) {
        String method = exchange.method().toLowerCase(Locale.ROOT);
        Optional<Route> route = route(method, exchange.path());
        List<String> findings = new ArrayList<>();
        if (route.isEmpty()) {
            return findings;
        }
        String base = pointer("paths", route.get().template(), method);
        JsonNode operation = route.get().operation();
        String requestBody = exchange.requestBody();
        if (exchange.status() / 100 == 2 && requestBody != null && !requestBody.isBlank()
                && !requestBody.strip().equals("{}") && !requestBody.strip().equals("null")
                && isJson(exchange.requestContentType())) {
            checkRequest(operation, base, requestBody, findings);
        }
        checkResponse(operation, base, exchange, findings);
        return findings;
    }

    private void checkRequest(JsonNode operation, String base, String body, List<String> findings) {
        JsonNode content = operation.path("requestBody").path("content");
        String mediaType = jsonMediaType(content);
        if (mediaType == null) {
            findings.add("the server accepted a JSON body the document does not describe");
            return;
        }
        validate(requests, pointer(base, "requestBody", "content", mediaType, "schema"), body, "request", findings);
    }

    private void checkResponse(JsonNode operation, String base, Exchange response, List<String> findings) {
        String status = String.valueOf(response.status());
        JsonNode responses = operation.path("responses");
        String documented = responses.has(status) ? status
                : responses.has(status.charAt(0) + "XX") ? status.charAt(0) + "XX"
                : responses.has("default") ? "default" : null;
        if (documented == null) {
            findings.add("status " + status + " is not documented (documented: " + responses.propertyNames() + ")");
            return;
        }
        JsonNode answer = responses.path(documented);
        checkHeaders(answer, response, findings);
        String contentType = Optional.ofNullable(response.responseHeader("Content-Type")).orElse("");
        String body = response.responseBody();
        if (body == null || body.isEmpty()) {
            return;
        }
        JsonNode content = answer.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            findings.add("answered a body (" + contentType + ") where the document describes none");
            return;
        }
        if (isJson(contentType)) {
            String mediaType = jsonMediaType(content);
            if (mediaType == null) {
                findings.add("answered JSON where the document describes " + content.propertyNames());
                return;
            }
            validate(answers, pointer(base, "responses", documented, "content", mediaType, "schema"), body,
                    "response", findings);
        } else if (!describes(content, contentType)) {
            findings.add("answered " + contentType + " where the document describes " + content.propertyNames());
        }
    }

    private void checkHeaders(JsonNode answer, Exchange response, List<String> findings) {
        answer.path("headers").properties().forEach(header -> {
            boolean present = response.responseHeader(header.getKey()) != null;
            if (!present && header.getValue().path("required").asBoolean(false)) {
                findings.add("the required header " + header.getKey() + " is missing");
            }
        });
    }

    private void validate(SchemaRegistry registry, String pointer, String json, String what, List<String> findings) {
        JsonNode instance;
        try {
            instance = JSON.readTree(json);
        } catch (RuntimeException e) {
            findings.add("the " + what + " body is not valid JSON");
            return;
        }
        Schema schema = schemaAt(registry, pointer);
        for (Error error : schema.validate(instance)) {
            findings.add(what + " " + error.getInstanceLocation() + ": " + error.getMessage());
        }
    }

    /**
     * The schema at a place of the document. Almost every place holds a reference to a component, so the schemas
     * are kept by what the place holds, with its references made absolute: the registry then reads the document
     * once, however many operations and answers are checked.
     */
    private Schema schemaAt(SchemaRegistry registry, String pointer) {
        JsonNode node = strictDocument.at(pointer);
        String key = (registry == answers ? "answer " : "request ") + JSON.writeValueAsString(node);
        return schemas.computeIfAbsent(key, k -> registry.getSchema(absoluteReferences(node.deepCopy())));
    }

    private static JsonNode absoluteReferences(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith("#")) {
                object.put("$ref", DOCUMENT_IRI + ref.asString());
            }
            object.properties().forEach(entry -> absoluteReferences(entry.getValue()));
        } else if (node != null && node.isArray()) {
            node.forEach(Contract::absoluteReferences);
        }
        return node;
    }

    private static void report(String exchange, List<String> findings, String body) {
        String excerpt = body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
        String text = exchange + "\n  " + String.join("\n  ", findings) + "\n  body: " + excerpt + "\n";
        String file = System.getProperty("contract.findings");
        if (file == null || file.isBlank()) {
            throw new AssertionError("The exchange breaks the OpenAPI document: " + text);
        }
        try {
            Files.writeString(Path.of(file), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Route> route(String method, String path) {
        return routes.stream()
                .filter(r -> r.method().equals(method) && r.pattern().matcher(path).matches())
                .max(Comparator.comparingInt(Route::literals));
    }

    private static List<Route> routes(JsonNode document) {
        List<Route> routes = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String template = path.getKey();
            String regex = java.util.Arrays.stream(TEMPLATE_PARAMETER.split(template, -1))
                    .map(literal -> literal.isEmpty() ? "" : Pattern.quote(literal))
                    .collect(java.util.stream.Collectors.joining("[^/]+"));
            int literals = (int) java.util.Arrays.stream(template.split("/"))
                    .filter(s -> !s.isEmpty() && !s.startsWith("{")).count();
            routes.add(new Route(operation.getKey(), template, Pattern.compile(regex), literals, operation.getValue()));
        }));
        return routes;
    }

    /**
     * Every object schema with documented properties takes no others, unless it says what else it takes. E-mail
     * formats are left to the server: the validator checks a mailbox's domain against the public top-level domains,
     * and the tests' addresses use the reserved {@code .test}.
     */
    private static JsonNode closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if ("email".equals(object.path("format").asString(null))) {
                object.remove("format");
            }
            if (object.has("properties") && object.get("properties").isObject()
                    && !object.has("additionalProperties") && !object.has("allOf")
                    && !object.has("oneOf") && !object.has("anyOf")) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> closeObjects(entry.getValue()));
        } else if (node != null && node.isArray()) {
            node.forEach(Contract::closeObjects);
        }
        return node;
    }

    private static String jsonMediaType(JsonNode content) {
        for (String name : content.propertyNames()) {
            if (isJson(name) || name.equals("*/*")) {
                return name;
            }
        }
        return null;
    }

    private static boolean describes(JsonNode content, String contentType) {
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (String name : content.propertyNames()) {
            if (name.equals("*/*") || name.equalsIgnoreCase(type)
                    || (name.endsWith("/*") && type.startsWith(name.substring(0, name.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static String pointer(String... parts) {
        StringBuilder pointer = new StringBuilder();
        for (String part : parts) {
            if (part.startsWith("/")) {
                if (pointer.isEmpty()) {
                    pointer.append(part);
                    continue;
                }
            }
            pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
