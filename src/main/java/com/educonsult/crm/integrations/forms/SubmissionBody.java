package com.educonsult.crm.integrations.forms;

import com.educonsult.crm.platform.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A submission's body as a JSON object, read from JSON or from a URL-encoded form, within a size limit. */
final class SubmissionBody {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The body as sent (for the log) and as a JSON object; {@code formEncoded} for a browser's form post. */
    record Read(String raw, ObjectNode body, boolean formEncoded) {
    }

    private SubmissionBody() {
    }

    static Read read(HttpServletRequest request, int maxBytes, JsonMapper json) {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        boolean isJson = contentType.startsWith("application/json") || contentType.matches("application/[a-z.+-]*\\+json.*");
        boolean isForm = contentType.startsWith("application/x-www-form-urlencoded");
        if (!isJson && !isForm) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Send the submission as application/json or application/x-www-form-urlencoded");
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("The body could not be read", List.of());
        } catch (RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw tooLarge(maxBytes);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        String raw = new String(bytes, StandardCharsets.UTF_8);
        if (isJson) {
            JsonNode parsed;
            try {
                parsed = json.readTree(raw);
            } catch (RuntimeException e) {
                throw ApiException.badRequest("The body is not valid JSON",
                        List.of(new com.educonsult.crm.platform.web.FieldError("body", "is not valid JSON")));
            }
            if (parsed == null || !parsed.isObject()) {
                throw ApiException.badRequest("The body must be a JSON object",
                        List.of(new com.educonsult.crm.platform.web.FieldError("body", "must be a JSON object")));
            }
            return new Read(raw, (ObjectNode) parsed, false);
        }
        ObjectNode body = NODES.objectNode();
        if (raw.isEmpty() && !request.getParameterMap().isEmpty()) {
            // the container read the form already
            for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
                for (String value : entry.getValue()) {
                    add(body, entry.getKey(), value);
                }
            }
            return new Read("", body, true);
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                add(body, name, value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("The form body is not valid URL encoding",
                        List.of(new com.educonsult.crm.platform.web.FieldError("body", "is not valid URL encoding")));
            }
        }
        return new Read(raw, body, true);
    }

    /** A repeated name (checkboxes of one group) becomes a list. */
    private static void add(ObjectNode body, String name, String value) {
        String key = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
        JsonNode existing = body.get(key);
        if (existing == null) {
            body.put(key, value);
        } else if (existing instanceof ArrayNode list) {
            list.add(value);
        } else {
            ArrayNode list = NODES.arrayNode();
            list.add(existing);
            list.add(value);
            body.set(key, list);
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The submission is larger than " + maxBytes + " bytes");
    }
}
