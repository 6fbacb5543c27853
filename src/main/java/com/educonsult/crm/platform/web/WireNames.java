package com.educonsult.crm.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import io.swagger.v3.core.jackson.TypeNameResolver;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Names in the OpenAPI document exactly as they travel. The document is built by swagger-core, which reads types
 * with its own Jackson 2 mapper and so never sees the application's Jackson 3 settings: this strategy repeats them
 * (snake_case, or the names as written for records marked {@code @JsonNaming(LowerCamelCaseStrategy)}, the Android
 * app's), and schema names include the enclosing type so that two records called {@code Create} stay two schemas.
 */
final class WireNames {

    private WireNames() {
    }

    /** The application's property naming, for swagger-core's Jackson 2 introspection. */
    static final class Strategy extends PropertyNamingStrategy {

        private static final PropertyNamingStrategies.NamingBase SNAKE =
                (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

        @Override
        public String nameForField(MapperConfig<?> config, AnnotatedField field, String defaultName) {
            return name(field, defaultName);
        }

        @Override
        public String nameForGetterMethod(MapperConfig<?> config, AnnotatedMethod method, String defaultName) {
            return name(method, defaultName);
        }

        @Override
        public String nameForSetterMethod(MapperConfig<?> config, AnnotatedMethod method, String defaultName) {
            return name(method, defaultName);
        }

        @Override
        public String nameForConstructorParameter(MapperConfig<?> config, AnnotatedParameter parameter,
                String defaultName) {
            return name(parameter, defaultName);
        }

        private static String name(AnnotatedMember member, String defaultName) {
            return keepsJavaNames(member.getDeclaringClass()) ? defaultName : SNAKE.translate(defaultName);
        }

        static boolean keepsJavaNames(Class<?> type) {
            JsonNaming naming = type == null ? null : type.getAnnotation(JsonNaming.class);
            return naming != null
                    && naming.value() == tools.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy.class;
        }
    }

    /** {@code UserRequests.Create} becomes {@code UserRequestsCreate}; a top-level type keeps its simple name. */
    static final class SchemaNames extends TypeNameResolver {

        @Override
        protected String getNameOfClass(Class<?> type) {
            Class<?> enclosing = type.getEnclosingClass();
            return enclosing == null ? super.getNameOfClass(type)
                    : getNameOfClass(enclosing) + type.getSimpleName();
        }
    }
}
