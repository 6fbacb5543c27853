package com.educonsult.crm.leads;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pipelines an organization can start from: education (the default for every new organization) and the
 * sales pipeline. Every status may go to lost; lost may reopen to contacted.
 */
enum Pipelines {

    EDUCATION(List.of(
            step("new", "New", "#2196F3", 24, "contacted", "lost"),
            step("contacted", "Contacted", "#03A9F4", 48, "counselling_scheduled", "lost"),
            step("counselling_scheduled", "Counselling scheduled", "#00BCD4", 72, "counselled", "contacted", "lost"),
            step("counselled", "Counselled", "#009688", 168, "application_submitted", "counselling_scheduled", "lost"),
            step("application_submitted", "Application submitted", "#4CAF50", 336, "offer_received", "lost"),
            step("offer_received", "Offer received", "#8BC34A", 168, "visa_applied", "enrolled", "lost"),
            step("visa_applied", "Visa applied", "#CDDC39", 720, "enrolled", "lost"),
            won("enrolled", "Enrolled", "#2E7D32"),
            lost())),
    SALES(List.of(
            step("new", "New", "#2196F3", 24, "qualified", "contacted", "lost"),
            step("qualified", "Qualified", "#3F51B5", 48, "contacted", "meeting_scheduled", "lost"),
            step("contacted", "Contacted", "#03A9F4", 48, "qualified", "meeting_scheduled", "lost"),
            step("meeting_scheduled", "Meeting scheduled", "#00BCD4", 72, "proposal_sent", "contacted", "lost"),
            step("proposal_sent", "Proposal sent", "#009688", 120, "negotiation", "won", "lost"),
            step("negotiation", "Negotiation", "#FF9800", 168, "won", "proposal_sent", "lost"),
            won("won", "Won", "#2E7D32"),
            lost()));

    /** One status of a pipeline; the first step is the default. */
    record Step(String code, String name, String color, Integer slaHours, boolean won, boolean lost, List<String> next) {
    }

    final List<Step> steps;

    Pipelines(List<Step> steps) {
        this.steps = steps;
    }

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    Step defaultStep() {
        return steps.getFirst();
    }

    static Optional<Pipelines> byCode(String code) {
        for (Pipelines pipeline : values()) {
            if (pipeline.code().equals(code)) {
                return Optional.of(pipeline);
            }
        }
        return Optional.empty();
    }

    private static Step step(String code, String name, String color, int slaHours, String... next) {
        return new Step(code, name, color, slaHours, false, false, List.of(next));
    }

    private static Step won(String code, String name, String color) {
        return new Step(code, name, color, null, true, false, List.of("lost"));
    }

    private static Step lost() {
        return new Step("lost", "Lost", "#F44336", null, false, true, List.of("contacted"));
    }
}
