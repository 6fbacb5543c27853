package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AssignmentStrategyTests {

    private static final UUID A = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-7000-8000-00000000000b");
    private static final UUID C = UUID.fromString("00000000-0000-7000-8000-00000000000c");
    /** Sorts after C byte-wise although its signed long is negative: the order must follow PostgreSQL's. */
    private static final UUID D = UUID.fromString("f0000000-0000-7000-8000-000000000000");

    @Test
    void roundRobinStartsWithTheLowestIdAndTakesTurnsInIdOrder() {
        var strategy = new AssignmentStrategy.RoundRobin(List.of(C, A, D, B), null, null);

        assertThat(take(strategy, 6)).containsExactly(A, B, C, D, A, B);
    }

    @Test
    void roundRobinContinuesAfterTheLastUserWhoGotALead() {
        var strategy = new AssignmentStrategy.RoundRobin(List.of(A, B, C), B, null);

        assertThat(take(strategy, 3)).containsExactly(C, A, B);
        assertThat(strategy.last()).isEqualTo(B);
    }

    @Test
    void roundRobinContinuesAfterALastUserWhoIsNoLongerInTheSet() {
        var strategy = new AssignmentStrategy.RoundRobin(List.of(A, C), B, null);

        assertThat(take(strategy, 2)).containsExactly(C, A);
    }

    @Test
    void roundRobinSkipsUsersWhoReachedTheMaximumAndStopsWhenAllAreFull() {
        var strategy = new AssignmentStrategy.RoundRobin(List.of(A, B), null, 2);

        assertThat(take(strategy, 5)).containsExactly(A, B, A, B);
        assertThat(strategy.next()).isEmpty();
    }

    @Test
    void leastLoadedGivesTheLeadToTheUserWithFewestActiveLeads() {
        var strategy = new AssignmentStrategy.LeastLoaded(List.of(A, B, C), Map.of(A, 5, B, 1, C, 3), null);

        assertThat(take(strategy, 4)).containsExactly(B, B, B, C);
    }

    @Test
    void leastLoadedBreaksTiesByLowestId() {
        var strategy = new AssignmentStrategy.LeastLoaded(List.of(D, C, B), Map.of(), null);

        assertThat(take(strategy, 4)).containsExactly(B, C, D, B);
    }

    @Test
    void leastLoadedRespectsTheMaximumPerUser() {
        var strategy = new AssignmentStrategy.LeastLoaded(List.of(A, B), Map.of(B, 10), 2);

        assertThat(take(strategy, 5)).containsExactly(A, A, B, B);
        assertThat(strategy.next()).isEmpty();
    }

    @Test
    void anEmptySetGivesNobody() {
        assertThat(new AssignmentStrategy.RoundRobin(List.of(), A, null).next()).isEmpty();
        assertThat(new AssignmentStrategy.LeastLoaded(List.of(), Map.of(), null).next()).isEmpty();
    }

    private static List<UUID> take(AssignmentStrategy strategy, int times) {
        List<UUID> taken = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Optional<UUID> next = strategy.next();
            if (next.isEmpty()) {
                break;
            }
            taken.add(next.get());
        }
        return taken;
    }
}
