package dev.switchboard.budget;

import org.springframework.stereotype.Component;

/**
 * The {@link Counters} in use: this process's memory on one instance. Several instances share Redis
 * ({@code SWITCHBOARD_REDIS_URL}) or, without it, the database.
 */
@Component
class CountersHolder {

    private final MemoryCounters memory;

    CountersHolder(SpentSince spentSince) {
        this.memory = new MemoryCounters(spentSince);
    }

    Counters current() {
        return memory;
    }
}
