package com.educonsult.crm.integrations.forms;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({FormsProperties.class, CaptchaProperties.class})
class FormsConfiguration {
}
