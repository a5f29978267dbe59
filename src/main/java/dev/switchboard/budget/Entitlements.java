package dev.switchboard.budget;

import java.time.Instant;
import java.util.List;

import dev.switchboard.access.Caller;
import dev.switchboard.money.BillingCalendar;
import org.springframework.stereotype.Service;

/**
 * Who may use what, before any money is reserved: the models a gateway key or API client may use (by name or alias;
 * none listed: all), and the subscription or trial that managed keys ask of users when the organisation requires it
 * (a user's own keys and BYOK keep working; admins and API clients need none).
 */
@Service
public class Entitlements {

    private final Organisation organisation;
    private final BillingCalendar calendar;

    Entitlements(Organisation organisation, BillingCalendar calendar) {
        this.organisation = organisation;
        this.calendar = calendar;
    }

    /** Why the caller may not use that model (asked for as {@code requested}), or null when it may. */
    public Refused modelRefused(Caller caller, String requested, String name, List<String> aliases) {
        var limits = caller.limits();
        if (limits.allows(name, aliases) || limits.allowedModels().contains(requested)) {
            return null;
        }
        var whose = caller.isClient() ? "This API client" : "This gateway key";
        return new Refused(403, "model_not_allowed", whose + " may not use the model '" + requested + "'. It may use: "
                + String.join(", ", limits.allowedModels()) + ".", null);
    }

    /** Why a managed credential may not serve this caller (no subscription, an ended trial), or null when it may. */
    public Refused subscriptionRefused(Caller caller, boolean managed) {
        if (!managed || !organisation.terms().requireSubscription() || caller.isClient() || caller.isAdmin()
                || caller.subscription().holdsAt(calendar.now().toEpochMilli())) {
            return null;
        }
        var trial = caller.subscription().trialUntilMillis();
        var why = trial == null ? "You have no subscription or trial." : "Your trial ended at " + Instant.ofEpochMilli(trial) + ".";
        return new Refused(402, "subscription_required", "Subscription required: the organisation's keys serve users with an active "
                + "subscription or trial. " + why + " Ask an administrator, or use your own provider key.", null);
    }
}
