package com.educonsult.crm.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Dates and times are ISO-8601 text, never arrays: Jackson would read {@code []} as no date and {@code [2026,1,5]}
 * as one, so a client sending an array where a date belongs would silently lose its filter. Now it is a 400
 * naming the field. The server writes dates as text only, so nothing it stored is affected.
 */
@Configuration(proxyBeanMethods = false)
class TimeValuesAsText {

    @Bean
    JacksonModule timeValuesAsTextModule() {
        return new SimpleModule("time-values-as-text").setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
                    BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                return type.getPackageName().equals("java.time") ? new NoArrays(deserializer) : deserializer;
            }
        });
    }

    private static final class NoArrays extends DelegatingDeserializer {

        NoArrays(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new NoArrays(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.isExpectedStartArrayToken()) {
                return context.handleUnexpectedToken(_delegatee.handledType(), parser);
            }
            return super.deserialize(parser, context);
        }
    }
}
