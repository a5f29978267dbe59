package dev.switchboard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Usage record ids are RFC 9562 version 7 UUIDs: time-ordered (the primary key's index grows at its end) and unique. */
class UsageRecordIdTest {

    @Test
    void shouldBeVersion7WithTheVariantOfRfc9562AndTheMillisecondFirst() {
        var id = UUID.fromString(UsageRecord.newId(1_764_590_400_123L));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(1_764_590_400_123L);
    }

    @Test
    void shouldSortByTimeAcrossMilliseconds() {
        var earlier = UsageRecord.newId(1_764_590_400_123L);
        var later = UsageRecord.newId(1_764_590_400_124L);

        assertThat(earlier.compareTo(later)).isNegative();
    }

    @Test
    void shouldNotRepeatWithinOneMillisecond() {
        var ids = new HashSet<String>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(UsageRecord.newId(1_764_590_400_123L));
        }
        assertThat(ids).hasSize(100_000);
    }
}
