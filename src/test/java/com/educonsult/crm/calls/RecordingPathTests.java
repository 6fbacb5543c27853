package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Where phones keep recordings: model, then make, then any phone, ranked by priority and reported success. */
class RecordingPathTests extends RecordingApiTest {

    private static final String DEFAULT_CALL = "/storage/emulated/0/Recordings/Call";
    private static final String DEFAULT_ALL = "/storage/emulated/0/Recordings";

    @Test
    void theSeededListAnswersKnownMakesThenTheDefaults() {
        Org org = registerOrganization();
        assertThat(suggest(org.adminToken(), Map.of("manufacturer", "Xiaomi", "model", "Redmi Note 12")))
                .startsWith("/storage/emulated/0/MIUI/sound_recorder/call_rec")
                .contains(DEFAULT_CALL, DEFAULT_ALL);
        assertThat(suggest(org.adminToken(), Map.of("manufacturer", unique("unknown")))).containsExactly(
                DEFAULT_CALL, DEFAULT_ALL);
        assertThat(suggest(org.adminToken(), Map.of())).containsExactly(DEFAULT_CALL, DEFAULT_ALL);
    }

    @Test
    void modelPathsComeBeforeMakePathsWhichComeBeforeDefaults() {
        Org org = registerOrganization();
        String make = unique("make");
        db.execute("insert into recording_path_suggestions (manufacturer, model, path, priority) values "
                + "(?, null, '/make/high', 50), (?, 'x1', '/model/low', 1), (?, 'x2', '/other/model', 99)",
                make, make, make);

        assertThat(suggest(org.adminToken(), Map.of("manufacturer", make.toUpperCase(), "model", "X1")))
                .containsExactly("/model/low", "/make/high", DEFAULT_CALL, DEFAULT_ALL);
        JsonNode canonical = api.get("/api/v1/recordings/paths?manufacturer=" + make, org.adminToken())
                .expect(200).data();
        assertThat(canonical.get(0).asString()).isEqualTo("/make/high");
        assertThat(canonical).hasSize(3);
    }

    @Test
    void reportedSuccessRaisesAPathsRankAndTeachesNewPaths() {
        Org org = registerOrganization();
        String make = unique("make");
        db.execute("insert into recording_path_suggestions (manufacturer, path, priority) values "
                + "(?, '/first', 10), (?, '/second', 5)", make, make);
        assertThat(suggest(org.adminToken(), Map.of("manufacturer", make))).startsWith("/first", "/second");

        for (int i = 0; i < 6; i++) {
            suggest(org.adminToken(), Map.of("manufacturer", make, "successPath", "/second"));
        }
        assertThat(suggest(org.adminToken(), Map.of("manufacturer", make))).startsWith("/second", "/first");

        suggest(org.adminToken(), Map.of("manufacturer", make, "model", "z9", "successPath", "/learned/Calls"));
        assertThat(suggest(org.adminToken(), Map.of("manufacturer", make))).contains("/learned/Calls");
    }

    @Test
    void concurrentReportsAreAllCounted() throws Exception {
        Org org = registerOrganization();
        String make = unique("make");
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> suggest(org.adminToken(),
                    Map.of("manufacturer", make, "successPath", "/together"))));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(db.fetchValue("select success_count from recording_path_suggestions where manufacturer = ?",
                make)).isEqualTo(8L);
    }

    @Test
    void badInputIsRefused() {
        Org org = registerOrganization();
        assertThat(api.post("/api/v1/callRecording/suggestPaths", org.adminToken(),
                Map.of("manufacturer", "x".repeat(101))).expect(422).errorField()).isEqualTo("manufacturer");
        api.post("/api/v1/callRecording/suggestPaths", org.adminToken(), Map.of("manufacturer", List.of(1)))
                .expect(400);
        api.get("/api/v1/recordings/paths?manufacturer=" + "x".repeat(101), org.adminToken()).expect(422);
        // a relative path is not learned
        String make = unique("make");
        suggest(org.adminToken(), Map.of("manufacturer", make, "successPath", "relative/path"));
        assertThat(suggest(org.adminToken(), Map.of("manufacturer", make))).doesNotContain("relative/path");
    }

    private List<String> suggest(String token, Map<String, Object> body) {
        Response response = api.post("/api/v1/callRecording/suggestPaths", token, body).expect(200);
        assertThat(response.body().get("status").asBoolean()).isTrue();
        List<String> paths = new ArrayList<>();
        response.data().get("paths").forEach(p -> paths.add(p.asString()));
        return paths;
    }
}
