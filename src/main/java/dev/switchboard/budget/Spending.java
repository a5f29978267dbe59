package dev.switchboard.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.switchboard.access.Caller;
import dev.switchboard.money.BillingCalendar;
import dev.switchboard.money.Money;
import org.springframework.stereotype.Service;

/**
 * The budget reservation of the pipeline: a call's worst-case cost is reserved, before anything is sent, against every
 * budget that applies to it — its API client's or gateway key's daily and monthly budgets, its user's credits (member
 * mode on managed keys: the cost times the provider's credit multiplier) and the organisation's daily and monthly limits
 * (managed keys) — all or none, and settled with the real cost where the call's usage record is written.
 * <p>
 * A call's budgets are kept for their period ({@link #budgets}: its labels, counter key and bounds are the same for every
 * call of that day or month, and building them again took a fifth of what the limits allocated per call); a reservation's
 * id is this process's random prefix and a sequence number (unique like a UUID, without a secure random number per call).
 */
@Service
public class Spending {

    private final Cache<BudgetId, Budget> budgets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    private final String idPrefix = HexFormat.of().toHexDigits(new java.security.SecureRandom().nextLong()) + "-";
    private final AtomicLong sequence = new AtomicLong();

    private final CountersHolder counters;
    private final Organisation organisation;
    private final Credits credits;
    private final BillingCalendar calendar;

    Spending(CountersHolder counters, Organisation organisation, Credits credits, BillingCalendar calendar) {
        this.counters = counters;
        this.organisation = organisation;
        this.credits = credits;
        this.calendar = calendar;
    }

    /**
     * What one attempt asks of the budgets: its worst-case cost, the credit multiplier of the provider (thousandths) and
     * whether a managed credential (pool, environment, a keyless provider the admin set up) serves it.
     */
    public record Call(Caller caller, long worstCaseNanos, long creditMultiplierMilli, boolean managed) {
    }

    public sealed interface Admission {
        record Reserved(Reservation reservation) implements Admission {
        }

        record Denied(Refused refused) implements Admission {
        }
    }

    public Admission reserve(Call call) {
        var creditsApply = creditsApply(call);
        var charges = charges(call, creditsApply);
        if (charges.isEmpty()) {
            return new Admission.Reserved(Reservation.NONE);
        }
        var id = idPrefix + Long.toString(sequence.incrementAndGet(), 36);
        var taken = counters.reserve(id, charges);
        return taken.shortfall() == null
                ? new Admission.Reserved(new Reservation(id, counters, taken.counters(), charges, call.creditMultiplierMilli(), creditsApply))
                : new Admission.Denied(refusal(taken.shortfall()));
    }

    /** What an API client has spent today ({@code daily}) or this month, as the counters have it (settled calls). */
    public Money clientSpent(String clientId, boolean daily) {
        return Money.ofNanos(clientUsed(clientId, daily).spent());
    }

    Counters.Used clientUsed(String clientId, boolean daily) {
        return counters.used(periodBudget(daily ? Budget.Kind.CLIENT_DAILY : Budget.Kind.CLIENT_MONTHLY, clientId,
                "API client's", daily, Long.MAX_VALUE));
    }

    Counters.Used keyUsed(String keyId, boolean daily) {
        return counters.used(periodBudget(daily ? Budget.Kind.KEY_DAILY : Budget.Kind.KEY_MONTHLY, keyId, "gateway key's", daily,
                Long.MAX_VALUE));
    }

    Counters.Used creditsUsed(String userId) {
        return counters.used(new Budget(Budget.Kind.CREDITS, userId, "Your credits", "all", Long.MAX_VALUE, null, null));
    }

    /** The organisation's spending (managed keys) today ({@code daily}) or this month, and what calls in flight hold reserved. */
    public Used organisationUsed(boolean daily) {
        var used = counters.used(orgBudget(daily, Long.MAX_VALUE));
        return new Used(Money.ofNanos(used.spent()), Money.ofNanos(used.reserved()));
    }

    /** A budget's settled spending and what calls in flight hold reserved. */
    public record Used(Money spent, Money reserved) {
    }

    /** When the current billing day ({@code daily}) or month ends. */
    public java.time.Instant resetsAt(boolean daily) {
        return daily ? calendar.nextDay() : calendar.nextMonth();
    }

    private boolean creditsApply(Call call) {
        var caller = call.caller();
        return call.managed() && organisation.terms().requireCredits() && !caller.isClient() && !caller.isAdmin() && caller.userId() != null;
    }

    private List<Counters.Charge> charges(Call call, boolean creditsApply) {
        var caller = call.caller();
        var limits = caller.limits();
        var amount = call.worstCaseNanos();
        var charges = new ArrayList<Counters.Charge>();
        if (caller.isClient()) {
            add(charges, limits.dailyBudgetNanos(), l -> clientBudget(caller, true, l), amount);
            add(charges, limits.monthlyBudgetNanos(), l -> clientBudget(caller, false, l), amount);
        } else if (caller.gatewayKeyId() != null) {
            add(charges, limits.dailyBudgetNanos(), l -> keyBudget(caller, true, l), amount);
            add(charges, limits.monthlyBudgetNanos(), l -> keyBudget(caller, false, l), amount);
        }
        if (creditsApply) {
            charges.add(new Counters.Charge(creditsBudget(caller), Money.ofNanos(amount).timesMilli(call.creditMultiplierMilli()).nanoUsd()));
        }
        if (call.managed()) {
            var terms = organisation.terms();
            add(charges, terms.dailyLimitNanos(), l -> orgBudget(true, l), amount);
            add(charges, terms.monthlyLimitNanos(), l -> orgBudget(false, l), amount);
        }
        return charges;
    }

    private static void add(List<Counters.Charge> charges, Long limit, java.util.function.LongFunction<Budget> budget, long amount) {
        if (limit != null) {
            charges.add(new Counters.Charge(budget.apply(limit), amount));
        }
    }

    private Budget clientBudget(Caller caller, boolean daily, long limit) {
        return periodBudget(daily ? Budget.Kind.CLIENT_DAILY : Budget.Kind.CLIENT_MONTHLY, caller.clientId(), "API client's", daily, limit);
    }

    private Budget keyBudget(Caller caller, boolean daily, long limit) {
        return periodBudget(daily ? Budget.Kind.KEY_DAILY : Budget.Kind.KEY_MONTHLY, caller.gatewayKeyId(), "gateway key's", daily, limit);
    }

    private Budget orgBudget(boolean daily, long limit) {
        return periodBudget(daily ? Budget.Kind.ORG_DAILY : Budget.Kind.ORG_MONTHLY, "organisation", "organisation's", daily, limit);
    }

    /** Which budget: its kind, whose, and its limit (a changed limit is another budget object, for the same counter). */
    private record BudgetId(Budget.Kind kind, String owner, long limit) {
    }

    private Budget periodBudget(Budget.Kind kind, String owner, String whose, boolean daily, long limit) {
        var id = new BudgetId(kind, owner, limit);
        var known = budgets.getIfPresent(id);
        if (known != null && known.current(calendar.now())) {
            return known;
        }
        var built = daily
                ? new Budget(kind, owner, "The " + whose + " daily budget", "d:" + calendar.today(), limit, calendar.startOfDay(), calendar.nextDay())
                : new Budget(kind, owner, "The " + whose + " monthly budget", "m:" + calendar.month(), limit, calendar.startOfMonth(),
                calendar.nextMonth());
        budgets.put(id, built);
        return built;
    }

    private Budget creditsBudget(Caller caller) {
        var limit = credits.granted(caller.userId()).nanoUsd();
        return budgets.get(new BudgetId(Budget.Kind.CREDITS, caller.userId(), limit),
                id -> new Budget(Budget.Kind.CREDITS, id.owner(), "Your credits", "all", id.limit(), null, null));
    }

    private Refused refusal(Counters.Shortfall shortfall) {
        var budget = shortfall.charge().budget();
        var left = Money.ofNanos(shortfall.remaining()).toUsd().toPlainString();
        var needed = Money.ofNanos(shortfall.charge().amount()).toUsd().toPlainString();
        if (budget.kind() == Budget.Kind.CREDITS) {
            return new Refused(402, budget.kind().reason, "Insufficient credits: " + left + " left, and this request may cost up to "
                    + needed + " (its worst-case cost times the provider's credit multiplier). Ask an administrator for more credits, "
                    + "or add your own provider key.", null);
        }
        var limit = Money.ofNanos(budget.limitNanos()).toUsd().toPlainString();
        var retry = Math.max(1, Duration.between(calendar.now(), budget.resetsAt()).toSeconds() + 1);
        return new Refused(402, budget.kind().reason, budget.label() + " of $" + limit + " is used up: $" + left + " left, and this request "
                + "may cost up to $" + needed + ". It resets at " + budget.resetsAt() + ".", retry);
    }
}
