package com.educonsult.crm.platform.web;

import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Strict input on the canonical API: unknown body fields and unknown query parameters are refused. */
@Configuration(proxyBeanMethods = false)
class StrictInputConfiguration implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.replaceAll(converter -> converter instanceof JacksonJsonHttpMessageConverter json
                && !(converter instanceof CanonicalJsonConverter) ? new CanonicalJsonConverter(json.getMapper())
                : converter);
    }

    /** The rule, stated where clients read the contract. */
    @Bean
    OpenApiCustomizer strictInputInTheDocument() {
        return openApi -> {
            if (openApi.getInfo() != null) {
                String description = openApi.getInfo().getDescription();
                openApi.getInfo().setDescription((description == null ? "" : description + "\n\n")
                        + "Strict input on the canonical API: a request body field or query parameter an operation "
                        + "does not take answers 422, its `errors[0].field` naming it (`items[0].foo` inside a "
                        + "list). The Android app's routes ignore fields they do not use.");
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // after the permission check (order 0): a caller without access learns nothing about the parameters
        registry.addInterceptor(new UnknownQueryParameters()).order(1);
    }
}
