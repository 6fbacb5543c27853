/**
 * The web console: server-rendered pages (Thymeleaf and htmx) for counselors, managers and admins. Pages call the
 * other modules' public services with the signed-in user, so they show what the API would answer to that user and
 * refuse what it would refuse; this module keeps no SQL and no rule of its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web console")
package com.educonsult.crm.web;
