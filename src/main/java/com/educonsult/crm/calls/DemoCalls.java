package com.educonsult.crm.calls;

import com.educonsult.crm.identity.DemoOrganizationSeeded.Member;
import com.educonsult.crm.leads.DemoLeadsSeeded;
import com.educonsult.crm.leads.DemoLeadsSeeded.DemoLead;
import com.educonsult.crm.platform.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo organization's calls, synced from each owner's phone through the same call sync as the app's (so the
 * leads' call statistics and timelines follow), and a few of them recorded: a short tone stored and confirmed
 * through the recording upload, so that playback works.
 */
@Component
class DemoCalls {

    private static final long SEED = 20_260_103L;
    private static final int RECORDINGS = 5;

    private final CallSync callSync;
    private final RecordingUploads uploads;
    private final ObjectStore store;
    private final Clock clock;

    DemoCalls(CallSync callSync, RecordingUploads uploads, ObjectStore store, Clock clock) {
        this.callSync = callSync;
        this.uploads = uploads;
        this.store = store;
        this.clock = clock;
    }

    /** A call of the demo: who made it, and whether it connected long enough to be worth recording. */
    private record Planned(Member owner, CallSyncRequests.Item item) {
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void seed(DemoLeadsSeeded seeded) {
        Random random = new Random(SEED);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<UUID, List<CallSyncRequests.Item>> byOwner = new LinkedHashMap<>();
        Map<UUID, Member> owners = new LinkedHashMap<>();
        seeded.organization().members().forEach(member -> owners.put(member.id(), member));
        for (int i = 0; i < seeded.leads().size(); i++) {
            DemoLead lead = seeded.leads().get(i);
            if (lead.assignedTo() != null) {
                byOwner.computeIfAbsent(lead.assignedTo(), owner -> new ArrayList<>())
                        .addAll(calls(lead, i, random, now));
            }
        }
        List<Synced> recordable = new ArrayList<>();
        byOwner.forEach((ownerId, items) -> {
            Member owner = owners.get(ownerId);
            CallSyncRequests.Result result = callSync.sync(owner.principal(), items);
            result.results().stream()
                    .filter(call -> "created".equals(call.result()) && items.get(call.index()).duration() >= 60)
                    .findFirst()
                    .ifPresent(call -> recordable.add(new Synced(owner, call.callId())));
        });
        recordable.stream().limit(RECORDINGS).forEach(this::record);
    }

    private record Synced(Member owner, UUID callId) {
    }

    /** Calls to a lead from its assignment on: one attempt for a new lead, a few for one being worked. */
    private static List<CallSyncRequests.Item> calls(DemoLead lead, int index, Random random, OffsetDateTime now) {
        boolean worked = lead.history().size() > 1;
        int count = worked ? 1 + random.nextInt(4) : random.nextInt(2);
        OffsetDateTime from = lead.assignedAt();
        long span = Math.max(60, Duration.between(from, now).toSeconds());
        double[] fractions = random.doubles(count, 0.02, 0.98).sorted().toArray();
        List<CallSyncRequests.Item> items = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            OffsetDateTime at = from.plusSeconds((long) (span * fractions[n]));
            int roll = random.nextInt(20);
            String type = roll < 2 ? "missed" : roll < 5 ? "incoming" : "outgoing";
            int duration = type.equals("missed") || (roll < 9 && !worked) || roll == 19 ? 0
                    : 40 + random.nextInt(860);
            items.add(new CallSyncRequests.Item("demo-" + index + "-" + n, lead.phone(), type, duration,
                    at.toInstant().toEpochMilli(), 1, null));
        }
        return items;
    }

    private void record(Synced call) {
        byte[] audio = DemoAudio.toneWav();
        var owner = call.owner().principal();
        RecordingUploads.UploadTicket ticket = uploads.requestUpload(owner, new RecordingUploads.Upload(
                call.callId(), "call_" + call.callId() + ".wav", (long) audio.length, "audio/wav"));
        store.put(ticket.storageKey(), new ByteArrayInputStream(audio), audio.length, "audio/wav");
        uploads.confirm(owner, new RecordingUploads.Confirmation(ticket.recordingId(), call.callId(),
                DemoAudio.SECONDS, DemoAudio.BITRATE_KBPS, "wav"));
    }
}
