/**
 * Analytics: dashboards, KPIs, funnels, stage and counselor performance, speed to lead, alerts and analytics events,
 * every figure within the caller's data scope and bucketed by the organization's time zone. Figures come from facts
 * the database keeps exact on every write ({@code facts}, migration V41) and from indexes, never from scanning the
 * base tables per request. The root holds what other modules use: {@link com.educonsult.crm.analytics.AnalyticsRange}.
 */
package com.educonsult.crm.analytics;
