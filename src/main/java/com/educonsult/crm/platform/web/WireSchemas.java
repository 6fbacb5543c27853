package com.educonsult.crm.platform.web;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Makes every component schema say what Jackson really writes and reads: a property that may be null says so
 * ({@code "type": ["string", "null"]}), a response property that is always written is required, and a
 * bean-validation pattern is anchored as Java matches it (a list of words becomes an enum). swagger-core sees the
 * Java types but not these rules, so this converter remembers which record each schema was made from and the
 * customizer rewrites the finished document.
 */
final class WireSchemas implements ModelConverter, OpenApiCustomizer {

    private static final Pattern WORD_LIST = Pattern.compile("[A-Za-z0-9_.\\-]+(\\|[A-Za-z0-9_.\\-]+)+");
    private static final Set<Class<? extends Annotation>> NOT_NULL = Set.of(NotNull.class, NotBlank.class, NotEmpty.class);

    private final Map<String, Class<?>> recordsBySchema = new ConcurrentHashMap<>();
    private final TypeNameResolver schemaNames;

    WireSchemas(TypeNameResolver schemaNames) {
        this.schemaNames = schemaNames;
    }

    @Override
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema<?> schema = chain.next().resolve(type, context, chain);
        if (schema != null && type.getType() != null) {
            JavaType javaType = Json31.mapper().constructType(type.getType());
            if (javaType.getRawClass().isRecord()) {
                recordsBySchema.putIfAbsent(schemaNames.nameForType(javaType), javaType.getRawClass());
            }
        }
        return schema;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Set<String> requestSchemas = reachableFrom(requestBodies(openApi, path -> true), schemas);
        reachableFrom(requestBodies(openApi, MobileApi::handles), schemas).stream().map(schemas::get)
                .filter(schema -> schema != null && schema.getProperties() != null)
                .forEach(schema -> schema.setAdditionalProperties(true));
        schemas.forEach((name, schema) -> {
            Class<?> record = recordsBySchema.get(name);
            if (record != null) {
                describeRecord(schema, record, !requestSchemas.contains(name));
            }
        });
        schemas.values().forEach(schema -> walk(schema, WireSchemas::anchorPattern));
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(p -> walk(p.getSchema(), WireSchemas::anchorPattern));
                }
            }));
        }
    }

    private static void describeRecord(Schema<?> schema, Class<?> record, boolean onlyAnswered) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        Set<String> required = new LinkedHashSet<>(schema.getRequired() == null ? List.of() : schema.getRequired());
        describeComponents(record, properties, required, writesNulls(record), onlyAnswered);
        schema.setRequired(required.isEmpty() ? null : new ArrayList<>(required));
    }

    private static void describeComponents(Class<?> record, Map<String, Schema> properties, Set<String> required,
            boolean writesNulls, boolean onlyAnswered) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getType().isRecord() && (component.getAccessor().isAnnotationPresent(JsonUnwrapped.class)
                    || fieldAnnotation(component, JsonUnwrapped.class) != null)) {
                describeComponents(component.getType(), properties, required, writesNulls, onlyAnswered);
                continue;
            }
            String name = wireName(record, component);
            Schema<?> property = properties.get(name);
            if (property == null) {
                continue;
            }
            boolean primitive = component.getType().isPrimitive();
            boolean writesNull = writesNulls && omitsNothing(component);
            boolean mayBeNull = !primitive && !required.contains(name) && NOT_NULL.stream()
                    .noneMatch(a -> component.getAccessor().isAnnotationPresent(a));
            if (mayBeNull && (writesNull || !onlyAnswered)) {
                properties.put(name, nullable(property));
            }
            if (onlyAnswered && (writesNull || primitive)) {
                required.add(name);
            }
            documentAliases(component, name, properties, required);
        }
    }

    private static boolean writesNulls(Class<?> record) {
        JsonInclude include = record.getAnnotation(JsonInclude.class);
        return include == null || include.value() == JsonInclude.Include.ALWAYS
                || include.value() == JsonInclude.Include.USE_DEFAULTS;
    }

    /**
     * A required property that a request may also spell otherwise ({@code @JsonAlias}) is required in one spelling
     * or the other, which its description says (a client generated from the document uses the first).
     */
    private static void documentAliases(RecordComponent component, String name, Map<String, Schema> properties,
            Set<String> required) {
        JsonAlias alias = component.getAccessor().getAnnotation(JsonAlias.class);
        if (alias == null) {
            alias = fieldAnnotation(component, JsonAlias.class);
        }
        if (alias == null || alias.value().length == 0) {
            return;
        }
        Schema<?> property = properties.get(name);
        if (required.remove(name)) {
            property.setDescription((property.getDescription() == null ? "" : property.getDescription() + " ")
                    + "Required, as " + name + " or " + String.join(" or ", alias.value()) + ".");
        }
    }

    private static <A extends Annotation> A fieldAnnotation(RecordComponent component, Class<A> type) {
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotation(type);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean omitsNothing(RecordComponent component) {
        JsonInclude include = component.getAccessor().getAnnotation(JsonInclude.class);
        if (include == null) {
            try {
                include = component.getDeclaringRecord().getDeclaredField(component.getName())
                        .getAnnotation(JsonInclude.class);
            } catch (NoSuchFieldException e) {
                include = null;
            }
        }
        return include == null || include.value() == JsonInclude.Include.ALWAYS
                || include.value() == JsonInclude.Include.USE_DEFAULTS;
    }

    private static String wireName(Class<?> record, RecordComponent component) {
        JsonProperty explicit = component.getAnnotation(JsonProperty.class);
        if (explicit != null && !explicit.value().isEmpty()) {
            return explicit.value();
        }
        return WireNames.Strategy.keepsJavaNames(record) ? component.getName()
                : JsonNames.snakeCase(component.getName());
    }

    /** The same schema, also allowing null: a type list for plain schemas, a oneOf for references. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<?> nullable(Schema<?> property) {
        if (property.get$ref() != null || property.getOneOf() != null || property.getAllOf() != null) {
            return new Schema<>().oneOf(List.of(property, new Schema<>().types(Set.of("null"))))
                    .description(property.getDescription());
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        if (types.isEmpty() || types.contains("null")) {
            return property;
        }
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List values = new ArrayList<>(property.getEnum());
            values.add(null);
            ((Schema) property).setEnum(values);
        }
        return property;
    }

    /** Bean validation matches a pattern against the whole value; JSON Schema finds it anywhere. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void anchorPattern(Schema<?> schema) {
        String pattern = schema.getPattern();
        if (pattern == null || pattern.startsWith("^")) {
            return;
        }
        if (WORD_LIST.matcher(pattern).matches()) {
            List values = new ArrayList<>(List.of(pattern.split("\\|")));
            if (schema.getTypes() != null && schema.getTypes().contains("null")) {
                values.add(null);
            }
            ((Schema) schema).setEnum(values);
            schema.setPattern(null);
        } else {
            schema.setPattern("^(?:" + pattern + ")$");
        }
    }

    private static void walk(Schema<?> schema, Consumer<Schema<?>> action) {
        walk(schema, action, new HashSet<>());
    }

    private static void walk(Schema<?> schema, Consumer<Schema<?>> action, Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        action.accept(schema);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> walk(p, action, seen));
        }
        walk(schema.getItems(), action, seen);
        for (List<Schema> group : List.of(nonNull(schema.getOneOf()), nonNull(schema.getAnyOf()),
                nonNull(schema.getAllOf()))) {
            group.forEach(s -> walk(s, action, seen));
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            walk(additional, action, seen);
        }
    }

    private static List<Schema> nonNull(List<Schema> list) {
        return list == null ? List.of() : list;
    }

    /** The request bodies of the operations whose path passes; the app's routes take fields they do not use. */
    private static List<Schema<?>> requestBodies(OpenAPI openApi, java.util.function.Predicate<String> paths) {
        List<Schema<?>> bodies = new ArrayList<>();
        if (openApi.getPaths() == null) {
            return bodies;
        }
        openApi.getPaths().entrySet().stream().filter(entry -> paths.test(entry.getKey())).map(Map.Entry::getValue)
                .forEach(path -> path.readOperations().forEach((Operation operation) -> {
            if (operation.getRequestBody() != null) {
                Content content = operation.getRequestBody().getContent();
                if (content != null) {
                    content.values().forEach(media -> bodies.add(media.getSchema()));
                }
            }
        }));
        return bodies;
    }

    private static Set<String> reachableFrom(List<Schema<?>> roots, Map<String, Schema> schemas) {
        Set<String> names = new HashSet<>();
        List<Schema<?>> pending = new ArrayList<>(roots);
        Set<Schema<?>> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Schema<?> next = pending.removeLast();
            walk(next, schema -> {
                String ref = schema.get$ref();
                if (ref != null) {
                    String name = ref.substring(ref.lastIndexOf('/') + 1);
                    if (names.add(name) && schemas.get(name) != null) {
                        pending.add(schemas.get(name));
                    }
                }
            }, seen);
        }
        return names;
    }
}
