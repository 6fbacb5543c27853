package com.educonsult.crm.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An answer an operation gives beyond its success and the errors every operation can give (a 423 for a locked
 * account, a 302 to the audio): written into the OpenAPI document, in the error envelope of the operation's API
 * unless it has no body.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(AlsoAnswers.List.class)
public @interface AlsoAnswers {

    int status();

    String description();

    /** Whether the answer carries the error envelope; a redirect carries none. */
    boolean errorBody() default true;

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        AlsoAnswers[] value();
    }
}
