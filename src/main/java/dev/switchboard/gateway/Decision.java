package dev.switchboard.gateway;

/** What a pre-call policy decided: go on (with what it found, if anything), or refuse for a named reason. */
sealed interface Decision<T> {

    static Decision<Void> allowed() {
        return new Allowed<>(null);
    }

    record Allowed<T>(T value) implements Decision<T> {
    }

    record Refused<T>(Refusal refusal) implements Decision<T> {
    }
}
