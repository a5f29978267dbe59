package dev.switchboard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.Test;

/** A user reads its own credit ledger and balance, exactly as the admin granted them, and nobody else's. */
class MyCreditsTest extends PeopleTestSupport {

    @Test
    void shouldShowTheCallersLedgerAndBalanceExactly() {
        var person = createPerson("user");
        var other = createPerson("user");
        patchJson("/api/admin/users/" + person.id(), "{\"credits_grant\":10.000000001,\"note\":\"welcome\"}", "Authorization", ADMIN);
        patchJson("/api/admin/users/" + person.id(), "{\"credits_grant\":-2.5,\"note\":\"correction\"}", "Authorization", ADMIN);
        patchJson("/api/admin/users/" + other.id(), "{\"credits_grant\":99}", "Authorization", ADMIN);

        var ledger = json(get("/api/users/me/credits", "Authorization", tokenOf(person)));
        var me = json(get("/api/users/me", "Authorization", tokenOf(person)));

        assertThat(ledger.path("balance_usd").decimalValue()).isEqualByComparingTo("7.500000001");
        assertThat(ledger.path("entries")).hasSize(2);
        assertThat(ledger.path("entries").findValuesAsString("note")).containsExactlyInAnyOrder("welcome", "correction");
        assertThat(me.path("credits_granted_usd").decimalValue()).isEqualByComparingTo("7.500000001");
    }
}
