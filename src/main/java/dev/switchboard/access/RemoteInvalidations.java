package dev.switchboard.access;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Applies another instance's change to users and keys to this instance's caches. */
@Component
class RemoteInvalidations {

    private final UserCallers callers;
    private final GatewayKeys gatewayKeys;

    RemoteInvalidations(UserCallers callers, GatewayKeys gatewayKeys) {
        this.callers = callers;
        this.gatewayKeys = gatewayKeys;
    }

    @EventListener
    void on(Invalidation invalidation) {
        if (!invalidation.remote()) {
            return;
        }
        switch (invalidation.scope()) {
            case USER -> {
                callers.invalidate(invalidation.id());
                gatewayKeys.forgetUser(invalidation.id());
            }
            case KEY -> gatewayKeys.forgetHash(invalidation.id());
            default -> { }
        }
    }
}
