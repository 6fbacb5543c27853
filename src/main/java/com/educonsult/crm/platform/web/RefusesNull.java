package com.educonsult.crm.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a PATCH handler: the fields (as named on the wire) that cannot be empty, so null in the body answers 422
 * naming them instead of clearing them. The OpenAPI document lists them in the operation's description.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RefusesNull {

    String[] value();
}
