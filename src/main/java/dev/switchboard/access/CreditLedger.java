package dev.switchboard.access;

import java.util.Collection;
import java.util.Map;

import dev.switchboard.money.Money;

/**
 * The credits ledger as people management needs it: an admin's grant, and each user's balance. Declared here so that
 * {@code access} can show and grant credits without depending on the feature that owns spending; implemented by
 * {@code budget}.
 */
public interface CreditLedger {

    /** Adds {@code amount} (negative takes credits back) to the user's ledger. */
    void grant(String userId, Money amount, String grantedBy, String note);

    /** What the user was granted and what its member-mode calls have spent. */
    Balance balance(String userId);

    /** The balances of several users at once (a user without entries has none in the map). */
    Map<String, Balance> balances(Collection<String> userIds);

    /** Credits granted (the sum of the ledger's grants) and spent (the credits its calls cost). */
    record Balance(Money granted, Money spent) {
        public static final Balance NONE = new Balance(Money.ZERO, Money.ZERO);

        public Money remaining() {
            return granted.minus(spent);
        }
    }
}
