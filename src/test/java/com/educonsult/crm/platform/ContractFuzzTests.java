package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks every operation of the OpenAPI document (both APIs, every method) and sends it bad input: odd path
 * segments, wrong query values, and request bodies with wrong types, nulls, blanks, huge and control-character
 * strings, malformed or oversized JSON and arrays where objects belong. Nothing a client sends may answer 5xx.
 * Deterministic (fixed seed) and bounded per operation.
 */
class ContractFuzzTests extends ApiTest {

    private static final long SEED = 20_261_202L;
    private static final int MAX_CASES_PER_OPERATION = 28;
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HUGE = "x".repeat(10_000);
    private static final List<String> ODD_SEGMENTS = List.of("%20", "%2F", "a%2Fb", "y".repeat(300), "not-a-uuid",
            "%00", "..", "%25", "-1", "0");
    private static final List<String> ODD_QUERY_VALUES = List.of("", " ", "not-a-number", "-1", "0",
            "99999999999999999999", "1e309", "\u0000", "\u0007", HUGE.substring(0, 2_000), "[]", "{}", "true",
            "2026-13-45", "not-a-uuid", "%", ",,,", "null");

    /** A request to send: the body is raw text (possibly not JSON at all). */
    record Case(String method, String path, String body, boolean authenticated) {

        String describe() {
            String excerpt = body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "..." : body;
            return method.toUpperCase(Locale.ROOT) + " " + (path.length() > 200 ? path.substring(0, 200) + "..." : path)
                    + (authenticated ? "" : " (no credentials)") + (excerpt.isEmpty() ? "" : " body " + excerpt);
        }
    }

    private JsonNode document;
    private Random random;
    private Org org;
    /** Ids the server answered with, by the collection path they came from: path parameters use real ids. */
    private final Map<String, String> knownIds = new TreeMap<>();

    @Test
    void noRequestOfAnyShapeAnswersAServerError() {
        document = api.get("/v3/api-docs", null).expect(200).body();
        random = new Random(SEED);
        org = registerOrganization();
        List<String> serverErrors = new ArrayList<>();
        int sent = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        long started = System.nanoTime();
        for (Map.Entry<String, JsonNode> path : sorted(document.get("paths"))) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                for (Case c : casesFor(path.getKey(), method, operation)) {
                    if (opensAStream(operation, c)) {
                        continue;
                    }
                    Response response = send(c);
                    statuses.merge(response.status(), 1, Integer::sum);
                    rememberId(path.getKey(), c, response);
                    sent++;
                    if (response.status() >= 500) {
                        serverErrors.add(c.describe() + " -> " + response.status() + " " + excerpt(response.raw()));
                    }
                }
                keepAdminUsable();
            }
        }
        System.out.printf("fuzz: %d requests in %d ms, statuses %s%n", sent,
                (System.nanoTime() - started) / 1_000_000, statuses);
        assertThat(sent).as("requests sent").isGreaterThan(500);
        assertThat(serverErrors).as("requests answered with a server error (of %d sent)", sent).isEmpty();
    }

    /** A request that would be answered with an endless event stream is left out; its errors are still sent. */
    private static boolean opensAStream(JsonNode operation, Case c) {
        boolean streams = operation.path("responses").toString().contains("text/event-stream");
        return streams && c.authenticated() && !c.path().contains("?");
    }

    // ---- cases

    private List<Case> casesFor(String template, String method, JsonNode operation) {
        List<JsonNode> parameters = parameters(operation);
        List<Case> cases = new ArrayList<>();
        String validPath = fillPath(template, parameters, null, null);
        cases.add(new Case(method, validPath, plausibleBody(operation, false), false));
        cases.add(new Case(method, validPath, plausibleBody(operation, false), true));
        cases.add(new Case(method, validPath, plausibleBody(operation, true), true));
        for (JsonNode parameter : parameters) {
            String name = parameter.get("name").asString();
            String in = parameter.path("in").asString();
            if (in.equals("path")) {
                for (String segment : pick(ODD_SEGMENTS, 4)) {
                    cases.add(new Case(method, fillPath(template, parameters, name, segment),
                            plausibleBody(operation, false), true));
                }
            } else if (in.equals("query")) {
                for (String value : pick(ODD_QUERY_VALUES, 3)) {
                    cases.add(new Case(method, validPath + "?" + encode(name) + "=" + encode(value),
                            plausibleBody(operation, false), true));
                }
            }
        }
        cases.addAll(bodyCases(method, validPath, operation));
        if (cases.size() <= MAX_CASES_PER_OPERATION) {
            return cases;
        }
        List<Case> bounded = new ArrayList<>(cases.subList(0, 3));
        bounded.addAll(pick(cases.subList(3, cases.size()), MAX_CASES_PER_OPERATION - 3));
        return bounded;
    }

    private List<Case> bodyCases(String method, String path, JsonNode operation) {
        JsonNode schema = jsonBodySchema(operation);
        if (schema == null) {
            return List.of();
        }
        List<Case> cases = new ArrayList<>();
        for (String raw : List.of("{\"a\": ", "[]", "null", "\"text\"", "42", "", "{}", "[{}]",
                "[".repeat(5_000) + "]".repeat(5_000), "{\"x\": \"" + "a".repeat(1_100_000) + "\"}")) {
            cases.add(new Case(method, path, raw, true));
        }
        JsonNode resolved = resolve(schema);
        for (boolean snakeCase : List.of(false, true)) {
            JsonNode properties = resolved.get("properties");
            if (properties == null) {
                continue;
            }
            for (Map.Entry<String, JsonNode> property : sorted(properties)) {
                for (JsonNode bad : pick(badValuesFor(resolve(property.getValue())), 3)) {
                    ObjectNode body = (ObjectNode) plausible(resolved, snakeCase, 0);
                    body.set(name(property.getKey(), snakeCase), bad);
                    cases.add(new Case(method, path, body.toString(), true));
                }
            }
        }
        return cases;
    }

    private List<JsonNode> badValuesFor(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.nullNode(), NODES.stringNode(""),
                NODES.stringNode("   "), NODES.stringNode(HUGE), NODES.stringNode("nul\u0000here"),
                NODES.stringNode("bell\u0007"), NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(new java.math.BigDecimal("1e400")), NODES.booleanNode(true),
                NODES.arrayNode().add(NODES.objectNode()), NODES.objectNode().put("x", 1),
                NODES.stringNode("not-a-uuid"), NODES.stringNode("2026-02-30T25:61:00Z")));
        String type = type(schema);
        if ("array".equals(type)) {
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i < 1_000; i++) {
                many.add(NODES.objectNode().put("i", i));
            }
            values.add(many);
            values.add(NODES.arrayNode().add(NODES.nullNode()));
        }
        return values;
    }

    // ---- plausible values from the schemas

    private String plausibleBody(JsonNode operation, boolean snakeCase) {
        JsonNode schema = jsonBodySchema(operation);
        return schema == null ? null : plausible(resolve(schema), snakeCase, 0).toString();
    }

    private JsonNode plausible(JsonNode schema, boolean snakeCase, int depth) {
        schema = resolve(schema);
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        String type = type(schema);
        String format = schema.path("format").asString("");
        if (depth > 4) {
            return NODES.nullNode();
        }
        switch (type == null ? (schema.has("properties") ? "object" : "string") : type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                JsonNode properties = schema.get("properties");
                if (properties != null) {
                    for (Map.Entry<String, JsonNode> property : sorted(properties)) {
                        object.set(name(property.getKey(), snakeCase), plausible(property.getValue(), snakeCase,
                                depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                return NODES.arrayNode().add(plausible(schema.path("items"), snakeCase, depth + 1));
            }
            case "integer" -> {
                return NODES.numberNode(1);
            }
            case "number" -> {
                return NODES.numberNode(1.5);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.stringNode(switch (format) {
                    case "uuid" -> uuid();
                    case "date" -> "2026-01-05";
                    case "date-time" -> "2026-01-05T10:00:00Z";
                    case "email" -> "fuzz@example.test";
                    case "uri", "url" -> "https://example.test/fuzz";
                    default -> "fuzz";
                });
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return NODES.objectNode();
        }
        for (String composite : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(composite) && schema.get(composite).size() > 0) {
                return resolve(schema.get(composite).get(0));
            }
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            return resolve(document.at("/" + ref.substring(2)));
        }
        return schema;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return null;
        }
        if (type.isArray()) {
            for (JsonNode each : type) {
                if (!each.asString().equals("null")) {
                    return each.asString();
                }
            }
            return null;
        }
        return type.asString();
    }

    private static JsonNode jsonBodySchema(JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        for (Map.Entry<String, JsonNode> media : content.properties()) {
            if (media.getKey().contains("json")) {
                return media.getValue().path("schema");
            }
        }
        return null;
    }

    private static String name(String documented, boolean snakeCase) {
        return snakeCase ? documented.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT) : documented;
    }

    // ---- paths and parameters

    private List<JsonNode> parameters(JsonNode operation) {
        List<JsonNode> parameters = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            parameters.add(resolve(parameter));
        }
        return parameters;
    }

    /** The path with every parameter filled plausibly, and the one named {@code odd} with the odd segment. */
    private String fillPath(String template, List<JsonNode> parameters, String odd, String oddSegment) {
        String path = template;
        for (JsonNode parameter : parameters) {
            if (!parameter.path("in").asString().equals("path")) {
                continue;
            }
            String name = parameter.get("name").asString();
            String collection = template.substring(0, template.indexOf("{" + name + "}"));
            String known = knownIds.get(collection.endsWith("/") ? collection.substring(0, collection.length() - 1)
                    : collection);
            String value = name.equals(odd) ? oddSegment : known != null ? known
                    : encode(plausible(parameter.path("schema"), false, 0).asString("1"));
            path = path.replace("{" + name + "}", value);
        }
        return path.replaceAll("\\{[^}]+}", uuid());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void rememberId(String template, Case c, Response response) {
        if (response.status() / 100 != 2 || response.body() == null || c.path().contains("?")
                || c.path().contains("%")) {
            return;
        }
        JsonNode data = response.body().has("data") ? response.body().get("data") : response.body();
        JsonNode first = data.isArray() ? data.path(0)
                : data.has("items") ? data.path("items").path(0)
                : data.has("leads") ? data.path("leads").path(0) : data;
        JsonNode id = first.get("id");
        if (id != null && id.isString() && !id.asString().equals(org.adminId().toString())) {
            knownIds.put(template, id.asString());
        }
    }

    // ---- sending

    private Response send(Case c) {
        HttpRequest.Builder request = api.builder(c.path(), c.authenticated() ? org.adminToken() : null)
                .timeout(java.time.Duration.ofSeconds(20));
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(c.body());
        if (c.body() != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return api.send(request.method(c.method().toUpperCase(Locale.ROOT), body));
        } catch (IllegalStateException e) {
            // the server closed the connection on an oversized body before reading it: not a server error
            return new Response(0, null, String.valueOf(e.getMessage()), null);
        }
    }

    /** An operation may have ended the admin's session (logout, revoking sessions): log in again, or start over. */
    private void keepAdminUsable() {
        if (api.get("/api/v1/auth/me", org.adminToken()).status() == 200) {
            return;
        }
        Response login = login(org.slug(), org.adminEmail(), PASSWORD);
        if (login.status() == 200) {
            org = new Org(org.id(), org.slug(), org.adminEmail(), org.adminId(),
                    login.data().get("access_token").asString(), login.data().get("refresh_token").asString());
        } else {
            org = registerOrganization();
        }
    }

    // ---- determinism

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private <T> List<T> pick(List<T> values, int count) {
        List<T> shuffled = new ArrayList<>(values);
        java.util.Collections.shuffle(shuffled, random);
        return shuffled.subList(0, Math.min(count, shuffled.size()));
    }

    private static List<Map.Entry<String, JsonNode>> sorted(JsonNode object) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            sorted.put(entry.getKey(), entry.getValue());
        }
        return new ArrayList<>(new LinkedHashMap<>(sorted).entrySet());
    }

    private static String excerpt(String raw) {
        return raw == null ? "" : raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
    }
}
