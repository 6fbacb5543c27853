package com.educonsult.crm.leads;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How the next assignee is chosen among a set of users, one lead at a time. Both strategies stop giving a
 * user leads once they received {@code maxPerUser} in this run (null: no limit).
 */
sealed interface AssignmentStrategy permits AssignmentStrategy.RoundRobin, AssignmentStrategy.LeastLoaded {

    /** Users in the order PostgreSQL sorts uuids (byte-wise), so Java and SQL agree on "the next id". */
    Comparator<UUID> BY_ID = Comparator.comparing(UUID::toString);

    /** The user to give the next lead, or empty when every user is full. */
    Optional<UUID> next();

    /** The strategy's name as the API and the history spell it. */
    String code();

    static AssignmentStrategy of(String code, List<UUID> users, UUID lastUser, Map<UUID, Integer> activeLoad,
            Integer maxPerUser) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case RoundRobin.CODE -> new RoundRobin(users, lastUser, maxPerUser);
            case LeastLoaded.CODE -> new LeastLoaded(users, activeLoad, maxPerUser);
            default -> throw new IllegalArgumentException("Unknown strategy " + code);
        };
    }

    /** Takes turns: continues after the user who got the last lead of the scope, wrapping around. */
    final class RoundRobin implements AssignmentStrategy {
        static final String CODE = "round_robin";

        private final List<UUID> users;
        private final Integer maxPerUser;
        private final Map<UUID, Integer> given = new HashMap<>();
        private UUID last;

        RoundRobin(List<UUID> users, UUID lastUser, Integer maxPerUser) {
            this.users = users.stream().distinct().sorted(BY_ID).toList();
            this.last = lastUser;
            this.maxPerUser = maxPerUser;
        }

        @Override
        public Optional<UUID> next() {
            int start = firstAfter(last);
            for (int i = 0; i < users.size(); i++) {
                UUID candidate = users.get((start + i) % users.size());
                if (hasRoom(candidate)) {
                    given.merge(candidate, 1, Integer::sum);
                    last = candidate;
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }

        /** The user who got the latest lead: the cursor to keep for the next run. */
        UUID last() {
            return last;
        }

        @Override
        public String code() {
            return CODE;
        }

        /** The position after the last user; the last user need not be in the set any more. */
        private int firstAfter(UUID lastUser) {
            if (lastUser == null) {
                return 0;
            }
            for (int i = 0; i < users.size(); i++) {
                if (BY_ID.compare(users.get(i), lastUser) > 0) {
                    return i;
                }
            }
            return 0;
        }

        private boolean hasRoom(UUID user) {
            return maxPerUser == null || given.getOrDefault(user, 0) < maxPerUser;
        }
    }

    /** Gives the lead to the user with the fewest active leads, the lowest id among equals. */
    final class LeastLoaded implements AssignmentStrategy {
        static final String CODE = "least_loaded";

        private final List<UUID> users;
        private final Map<UUID, Integer> load = new HashMap<>();
        private final Map<UUID, Integer> given = new HashMap<>();
        private final Integer maxPerUser;

        LeastLoaded(List<UUID> users, Map<UUID, Integer> activeLoad, Integer maxPerUser) {
            this.users = users.stream().distinct().sorted(BY_ID).toList();
            this.users.forEach(user -> load.put(user, activeLoad.getOrDefault(user, 0)));
            this.maxPerUser = maxPerUser;
        }

        @Override
        public Optional<UUID> next() {
            Optional<UUID> chosen = users.stream()
                    .filter(user -> maxPerUser == null || given.getOrDefault(user, 0) < maxPerUser)
                    .min(Comparator.comparing((UUID user) -> load.get(user)).thenComparing(BY_ID));
            chosen.ifPresent(user -> {
                load.merge(user, 1, Integer::sum);
                given.merge(user, 1, Integer::sum);
            });
            return chosen;
        }

        @Override
        public String code() {
            return CODE;
        }
    }
}
