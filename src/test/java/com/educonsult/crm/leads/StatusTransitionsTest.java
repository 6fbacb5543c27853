package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusTransitionsTest {

    private final UUID newId = UUID.randomUUID();
    private final UUID contactedId = UUID.randomUUID();
    private final UUID lostId = UUID.randomUUID();
    private final UUID archivedId = UUID.randomUUID();
    private final UUID openId = UUID.randomUUID();

    private final StatusTransitions rules = new StatusTransitions(List.of(
            status(newId, "new", 0, true, Set.of(contactedId, lostId, archivedId)),
            status(contactedId, "contacted", 1, true, Set.of(lostId)),
            status(lostId, "lost", 9, true, Set.of(contactedId)),
            status(archivedId, "archived", 10, false, Set.of()),
            status(openId, "open", 5, true, Set.of())));

    @Test
    void aListedActiveStatusIsAllowed() {
        assertThat(rules.allows(newId, contactedId)).isTrue();
        assertThat(rules.allows(lostId, contactedId)).isTrue();
    }

    @Test
    void aStatusNotListedIsRefused() {
        assertThat(rules.allows(contactedId, newId)).isFalse();
        assertThat(rules.allows(newId, openId)).isFalse();
    }

    @Test
    void aStatusWithoutRulesAllowsEveryOtherActiveStatus() {
        assertThat(rules.allows(openId, newId)).isTrue();
        assertThat(rules.allows(openId, lostId)).isTrue();
        assertThat(rules.nextFrom(openId)).extracting(LeadStatus::code).containsExactly("new", "contacted", "lost");
    }

    @Test
    void anInactiveTargetIsRefusedEvenWhenListed() {
        assertThat(rules.allows(newId, archivedId)).isFalse();
        assertThat(rules.nextFrom(newId)).extracting(LeadStatus::code).containsExactly("contacted", "lost");
    }

    @Test
    void stayingInTheSameStatusOrMovingToAnUnknownOneIsRefused() {
        assertThat(rules.allows(openId, openId)).isFalse();
        assertThat(rules.allows(newId, UUID.randomUUID())).isFalse();
    }

    private static LeadStatus status(UUID id, String code, int position, boolean active, Set<UUID> next) {
        return new LeadStatus(id, code, code, "#000000", position, false, false, false, null, active, next);
    }
}
