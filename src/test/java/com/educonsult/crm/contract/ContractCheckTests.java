package com.educonsult.crm.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.Contract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check every exchange of the suite goes through catches what a client generated from the document would trip on. */
class ContractCheckTests extends ApiTest {

    private static final Map<String, List<String>> JSON_ANSWER = Map.of("Content-Type", List.of("application/json"));

    private Contract contract() {
        return Contract.of(api.baseUrl());
    }

    private String realTaskAnswer() {
        Org org = registerOrganization();
        String lead = api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Ravi")).expect(201)
                .data().get("id").asString();
        return api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", lead, "title", "Call back"))
                .expect(201).raw();
    }

    private List<String> answerFindings(String body) {
        return contract().findings(new Contract.Exchange("POST", "/api/v1/tasks", "application/json",
                null, 201, JSON_ANSWER, body));
    }

    @Test
    void aRealAnswerKeepsToTheDocument() {
        assertThat(answerFindings(realTaskAnswer())).isEmpty();
    }

    @Test
    void anUndocumentedFieldInAnAnswerIsAFinding() {
        String body = realTaskAnswer().replace("\"title\":", "\"surprise\":1,\"title\":");

        assertThat(answerFindings(body)).anySatisfy(f -> assertThat(f).contains("surprise"));
    }

    @Test
    void aMissingRequiredFieldInAnAnswerIsAFinding() {
        String body = realTaskAnswer().replaceFirst("\"due_at\":[^,]*,", "");

        assertThat(answerFindings(body)).anySatisfy(f -> assertThat(f).contains("due_at"));
    }

    @Test
    void aValueOfTheWrongTypeInAnAnswerIsAFinding() {
        String body = realTaskAnswer().replaceFirst("\"overdue\":(true|false)", "\"overdue\":\"no\"");

        assertThat(answerFindings(body)).anySatisfy(f -> assertThat(f).contains("overdue"));
    }

    @Test
    void anUndocumentedStatusIsAFinding() {
        List<String> findings = contract().findings(new Contract.Exchange("GET", "/api/v1/auth/me", "", null, 418,
                JSON_ANSWER, "{}"));

        assertThat(findings).anySatisfy(f -> assertThat(f).contains("418"));
    }

    @Test
    void anAcceptedRequestWithAnUndocumentedFieldIsAFinding() {
        List<String> findings = contract().findings(new Contract.Exchange("POST", "/api/v1/tasks",
                "application/json", "{\"title\":\"Call\",\"dueAt\":\"2026-01-01T10:00:00Z\"}", 201, JSON_ANSWER,
                realTaskAnswer()));

        assertThat(findings).anySatisfy(f -> assertThat(f).contains("dueAt"));
    }

    @Test
    void aFindingFailsTheTestThatMadeTheExchange() {
        String body = realTaskAnswer().replace("\"title\":", "\"surprise\":1,\"title\":");
        assertThatThrownBy(() -> {
            if (System.getProperty("contract.findings") != null) {
                throw new AssertionError("findings are being collected into a file in this run");
            }
            contract().check(new Contract.Exchange("POST", "/api/v1/tasks", "application/json", null, 201,
                    JSON_ANSWER, body));
        }).isInstanceOf(AssertionError.class);
    }
}
