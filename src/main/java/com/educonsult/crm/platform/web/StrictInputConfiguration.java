package com.educonsult.crm.platform.web;

import java.util.List;
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

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // after the permission check (order 0): a caller without access learns nothing about the parameters
        registry.addInterceptor(new UnknownQueryParameters()).order(1);
    }
}
