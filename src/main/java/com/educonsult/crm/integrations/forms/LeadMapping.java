package com.educonsult.crm.integrations.forms;

import com.educonsult.crm.integrations.WebForms;
import com.educonsult.crm.leads.LeadForm;
import com.educonsult.crm.platform.web.ApiException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what a form received into the fields of a lead, by the form's mapping: a website form by its fields' and
 * mapping's names (seed-style bodies with {@code answers} and {@code utm} too), a Google Ads lead form by column
 * id, a portal by JSON paths. What has no lead field is kept, labelled, in the lead's source details. Each lead
 * field remembers the name it came from, so that a refusal names what the sender sent.
 */
final class LeadMapping {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> UTM = List.of("source", "medium", "campaign", "term", "content");
    /** Names of a website submission that describe the visit, not the person. */
    private static final Set<String> VISIT = Set.of("utm_source", "utm_medium", "utm_campaign", "utm_term",
            "utm_content", "page_url", "referrer", "page_id", "consent", "platform", "entity_id", "utm", "answers",
            "captcha_token", "cf-turnstile-response", "h-captcha-response", "g-recaptcha-response");
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("name", "full_name"), Map.entry("fullname", "full_name"), Map.entry("your_name", "full_name"),
            Map.entry("your-name", "full_name"), Map.entry("firstname", "first_name"),
            Map.entry("lastname", "last_name"), Map.entry("surname", "last_name"), Map.entry("mobile", "phone"),
            Map.entry("phone_number", "phone"), Map.entry("tel", "phone"), Map.entry("telephone", "phone"),
            Map.entry("your-email", "email"), Map.entry("email_address", "email"), Map.entry("comments", "message"),
            Map.entry("url", "page_url"));
    /** Google Ads lead form column ids and the lead field each fills unless the form maps it otherwise. */
    static final Map<String, String> GOOGLE_COLUMNS = Map.ofEntries(
            Map.entry("FULL_NAME", "full_name"), Map.entry("FIRST_NAME", "first_name"),
            Map.entry("LAST_NAME", "last_name"), Map.entry("EMAIL", "email"), Map.entry("WORK_EMAIL", "email"),
            Map.entry("PHONE_NUMBER", "phone"), Map.entry("WORK_PHONE", "secondary_phone"), Map.entry("CITY", "city"),
            Map.entry("REGION", "state"), Map.entry("COUNTRY", "country"));
    private static final Set<String> LISTS = Set.of("interested_courses", "preferred_countries",
            "preferred_institutions");
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    /** A lead's fields (snake_case, as the lead API names them), where each came from, and what was kept. */
    record Mapped(ObjectNode lead, Map<String, String> sourceOf, Map<String, Object> received, String pageUrl,
            String sourceLeadId) {

        /** The name the sender used for a lead field, for an error; the lead field's own name otherwise. */
        String nameFor(String leadField) {
            String direct = sourceOf.get(leadField);
            if (direct != null) {
                return direct;
            }
            if (leadField.equals("first_name") || leadField.equals("last_name")) {
                String full = sourceOf.get("full_name");
                if (full != null) {
                    return full;
                }
            }
            return leadField;
        }
    }

    private final PublishedForm form;
    private final Map<String, LeadForm.FormField> customFields;
    private final OffsetDateTime now;
    private final ObjectNode lead = NODES.objectNode();
    private final Map<String, String> sourceOf = new LinkedHashMap<>();
    private final Map<String, Object> received = new LinkedHashMap<>();
    private final List<String> details = new ArrayList<>();
    private String fullName;

    private LeadMapping(PublishedForm form, Map<String, LeadForm.FormField> customFields, OffsetDateTime now) {
        this.form = form;
        this.customFields = customFields;
        this.now = now;
    }

    static Mapped map(PublishedForm form, ObjectNode body, Map<String, LeadForm.FormField> customFields,
            OffsetDateTime now) {
        LeadMapping mapping = new LeadMapping(form, customFields, now);
        return switch (form.kind()) {
            case "google_ads" -> mapping.google(body);
            case "portal" -> mapping.portal(body);
            default -> mapping.website(body);
        };
    }

    // --- website

    private Mapped website(ObjectNode body) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        body.properties().forEach(entry -> {
            if (!VISIT.contains(entry.getKey()) && !entry.getKey().equals(form.honeypotField())) {
                answers.put(entry.getKey(), entry.getValue());
            }
        });
        if (body.get("answers") instanceof ObjectNode nested) {
            nested.properties().forEach(entry -> answers.putIfAbsent(entry.getKey(), entry.getValue()));
        }
        Map<String, WebForms.Field> fields = new LinkedHashMap<>();
        form.fields().forEach(field -> fields.put(field.name(), field));
        for (WebForms.Field field : form.fields()) {
            if (Boolean.TRUE.equals(field.required()) && blank(answers.get(field.name()))) {
                throw ApiException.invalid(field.name(), field.label() + " is required");
            }
        }
        answers.forEach((name, value) -> {
            if (blank(value)) {
                return;
            }
            WebForms.Field field = fields.get(name);
            received.put(name, plain(value));
            String target = form.mapping().get(name);
            if (target == null && field != null) {
                target = field.mapsTo();
            }
            if (target == null && field == null) {
                String alias = ALIASES.getOrDefault(name.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
                target = WebForms.LEAD_TARGETS.contains(alias) ? alias : null;
            }
            if (target == null) {
                details.add((field != null ? field.label() : name) + ": " + text(value));
            } else {
                put(target, value, name);
            }
        });
        JsonNode utm = body.get("utm");
        for (String part : UTM) {
            JsonNode value = body.get("utm_" + part);
            if (blank(value) && utm instanceof ObjectNode nested) {
                value = nested.get(part) != null ? nested.get(part) : nested.get("utm_" + part);
            }
            if (!blank(value)) {
                put("utm_" + part, value, "utm_" + part);
            }
        }
        for (String visit : List.of("page_url", "referrer", "consent")) {
            if (!blank(body.get(visit))) {
                put(visit, body.get(visit), visit);
            }
        }
        if (!blank(body.get("page_id"))) {
            lead.put("page_id", cut(text(body.get("page_id")), 200));
        }
        lead.put("form_id", form.id().toString());
        return finish();
    }

    // --- Google Ads lead forms

    private Mapped google(ObjectNode body) {
        JsonNode columns = body.get("user_column_data");
        if (columns != null && !columns.isArray()) {
            throw ApiException.invalid("user_column_data", "must be a list of columns");
        }
        if (columns != null) {
            for (int i = 0; i < columns.size(); i++) {
                JsonNode column = columns.get(i);
                String id = column.path("column_id").asString("");
                String label = column.path("column_name").asString(id);
                JsonNode value = column.get("string_value");
                if (id.isEmpty() || blank(value)) {
                    continue;
                }
                received.put(id, plain(value));
                String target = form.mapping().getOrDefault(id, GOOGLE_COLUMNS.get(id));
                if (target == null) {
                    details.add((label.isBlank() ? id : label) + ": " + text(value));
                } else {
                    put(target, value, "user_column_data[" + i + "].string_value");
                }
            }
        }
        String leadId = textOrNull(body.get("lead_id"));
        if (leadId != null) {
            lead.put("source_lead_id", cut(leadId, 200));
            sourceOf.put("source_lead_id", "lead_id");
        }
        putId("campaign_id", body.get("campaign_id"));
        putId("form_id", body.get("form_id"));
        putId("ad_id", body.get("creative_id"));
        String click = textOrNull(body.get("gcl_id"));
        if (click != null) {
            details.add("Google click id: " + click);
        }
        String adGroup = textOrNull(body.get("adgroup_id"));
        if (adGroup != null) {
            details.add("Ad group: " + adGroup);
        }
        return finish();
    }

    // --- portals

    private Mapped portal(ObjectNode body) {
        form.mapping().forEach((path, target) -> {
            JsonNode value = at(body, path);
            if (!blank(value)) {
                received.put(path, plain(value));
                put(target, value, path);
            }
        });
        lead.put("form_id", form.id().toString());
        return finish();
    }

    /** The value at a dotted path with array indexes ({@code lead.contact.phone}, {@code answers[0].value}). */
    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            Matcher segment = SEGMENT.matcher(part);
            if (node == null || !segment.matches()) {
                return null;
            }
            node = node.get(segment.group(1));
            Matcher index = INDEX.matcher(segment.group(2));
            while (node != null && index.find()) {
                node = node.isArray() ? node.get(Integer.parseInt(index.group(1))) : null;
            }
        }
        return node;
    }

    // --- lead fields

    private void put(String target, JsonNode value, String source) {
        if (value.isObject()) {
            throw ApiException.invalid(source, "must be a text, not an object");
        }
        if (value.isArray() && !LISTS.contains(target) && text(value).isBlank()) {
            return;
        }
        if (target.startsWith(WebForms.CUSTOM_FIELD_PREFIX)) {
            String key = target.substring(WebForms.CUSTOM_FIELD_PREFIX.length());
            ObjectNode custom = lead.has("custom_fields") ? (ObjectNode) lead.get("custom_fields")
                    : lead.putObject("custom_fields");
            if (!custom.has(key)) {
                custom.set(key, customValue(key, value, source));
                sourceOf.putIfAbsent(target, source);
            }
            return;
        }
        switch (target) {
            case "full_name" -> {
                if (fullName == null) {
                    fullName = cut(text(value), 200);
                    sourceOf.putIfAbsent("full_name", source);
                }
            }
            case "message" -> details.add("Message: " + text(value));
            case "referrer" -> details.add("Referrer: " + cut(text(value), 500));
            case "consent" -> {
                if (truthy(value) && !lead.has("consent_at")) {
                    lead.put("consent_at", now.toString());
                    sourceOf.putIfAbsent("consent_at", source);
                }
            }
            default -> {
                if (lead.has(target)) {
                    return;
                }
                if (LISTS.contains(target)) {
                    ArrayNode list = lead.putArray(target);
                    if (value.isArray()) {
                        value.forEach(item -> addItem(list, text(item)));
                    } else {
                        for (String item : text(value).split(",")) {
                            addItem(list, item);
                        }
                    }
                } else {
                    lead.put(target, text(value));
                }
                sourceOf.putIfAbsent(target, source);
            }
        }
    }

    private JsonNode customValue(String key, JsonNode value, String source) {
        LeadForm.FormField field = customFields.get(key);
        String type = field == null ? "text" : field.type();
        switch (type) {
            case "number" -> {
                if (value.isNumber()) {
                    return value;
                }
                try {
                    return NODES.numberNode(new BigDecimal(text(value).trim()));
                } catch (NumberFormatException e) {
                    throw ApiException.invalid(source, "must be a number");
                }
            }
            case "boolean" -> {
                return NODES.booleanNode(truthy(value));
            }
            case "multiselect" -> {
                ArrayNode list = NODES.arrayNode();
                if (value.isArray()) {
                    value.forEach(item -> addItem(list, text(item)));
                } else {
                    for (String item : text(value).split(",")) {
                        addItem(list, item);
                    }
                }
                return list;
            }
            default -> {
                return NODES.stringNode(text(value));
            }
        }
    }

    private void putId(String field, JsonNode value) {
        String id = textOrNull(value);
        if (id != null) {
            lead.put(field, cut(id, 200));
        }
    }

    private Mapped finish() {
        if (fullName != null && !lead.has("first_name")) {
            String[] parts = fullName.trim().split("\\s+", 2);
            lead.put("first_name", cut(parts[0], 100));
            if (parts.length > 1 && !lead.has("last_name")) {
                lead.put("last_name", cut(parts[1], 100));
            }
        }
        if (!lead.has("first_name") || lead.get("first_name").asString("").isBlank()) {
            lead.put("first_name", switch (form.kind()) {
                case "google_ads" -> "Google Ads lead";
                case "portal" -> "Portal lead";
                default -> "Website lead";
            });
        }
        lead.put("platform", form.platform());
        String source = form.defaultSource() != null ? form.defaultSource() : switch (form.kind()) {
            case "google_ads" -> "Google Ads";
            case "portal" -> cut(form.name(), 100);
            default -> "Website";
        };
        lead.put("source", source);
        if (form.defaultBranchId() != null) {
            lead.put("branch_id", form.defaultBranchId().toString());
        }
        if (!form.defaultTags().isEmpty()) {
            ArrayNode tags = lead.putArray("tags");
            form.defaultTags().forEach(tags::add);
        }
        List<String> lines = new ArrayList<>();
        lines.add("Form: " + form.name());
        lines.addAll(details);
        lead.put("source_details", cut(String.join("\n", lines), 1000));
        String pageUrl = lead.has("page_url") ? lead.get("page_url").asString() : null;
        String sourceLeadId = lead.has("source_lead_id") ? lead.get("source_lead_id").asString() : null;
        return new Mapped(lead, sourceOf, received, pageUrl, sourceLeadId);
    }

    // --- values

    static boolean blank(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode()
                || (value.isString() && value.asString().isBlank()) || (value.isArray() && text(value).isBlank());
    }

    static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(text(item)));
            return String.join(", ", items);
        }
        return value.isValueNode() ? value.asString().trim() : value.toString();
    }

    private static String textOrNull(JsonNode value) {
        return blank(value) ? null : text(value);
    }

    static boolean truthy(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return Set.of("true", "on", "yes", "1", "y").contains(text(value).toLowerCase(Locale.ROOT));
    }

    private static Object plain(JsonNode value) {
        return value.isValueNode() ? cut(text(value), 2000) : value;
    }

    private static void addItem(ArrayNode list, String item) {
        String trimmed = item.trim();
        if (!trimmed.isEmpty()) {
            list.add(cut(trimmed, 200));
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
