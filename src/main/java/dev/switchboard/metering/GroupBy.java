package dev.switchboard.metering;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a report's rows are: a dimension of the rollups or a time bucket. {@code key} is the credential that paid for the
 * call (seed 003 bills by provider key): a pool key's id, a user's own key's id, or the environment variable's name,
 * with its kind ({@code pool}, {@code user}, {@code env}, {@code byok}); {@code gateway_key} is the Switchboard key the
 * caller sent. Each names the fields its rows carry. (The hourly rollups are not broken down by caller, so these
 * groupings read daily and monthly rows, and hourly reports are totals per hour.)
 */
public enum GroupBy {
    USER(null, List.of("user_id"), List.of("user_id")),
    MODEL(null, List.of("model"), List.of("model")),
    PROVIDER(null, List.of("provider_id"), List.of("provider")),
    KEY(null, List.of("credential_kind", "credential_id"), List.of("credential_kind", "credential_id")),
    GATEWAY_KEY(null, List.of("gateway_key_id"), List.of("gateway_key_id")),
    CLIENT(null, List.of("client_id"), List.of("client_id")),
    HOUR(Grain.HOUR, List.of("bucket"), List.of("hour")),
    DAY(Grain.DAY, List.of("bucket"), List.of("date")),
    MONTH(Grain.MONTH, List.of("bucket"), List.of("month"));

    private final Grain grain;
    private final List<String> columns;
    private final List<String> fields;

    GroupBy(Grain grain, List<String> columns, List<String> fields) {
        this.grain = grain;
        this.columns = columns;
        this.fields = fields;
    }

    /** {@code user}, {@code gateway_key}, …: as the query parameter spells it. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GroupBy> ofWire(String value) {
        return Arrays.stream(values()).filter(g -> g.wire().equals(value)).findFirst();
    }

    /** The time bucket it groups by, if it is one. */
    Optional<Grain> grain() {
        return Optional.ofNullable(grain);
    }

    List<String> columns() {
        return columns;
    }

    /** The names of the fields that identify a row (JSON fields, CSV columns). */
    public List<String> fields() {
        return fields;
    }
}
