package dev.switchboard.console;

import dev.switchboard.access.Accounts;
import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * The credit alert a user chose on the profile page, made real: once the credits left fall below the amount, every
 * console page the user opens shows a banner saying so (the layout's {@code creditAlert}), until credits are granted or
 * the alert is changed. Runs after the page's handler, which has put the signed-in caller in the model ({@code me}).
 */
final class CreditAlertBanner implements HandlerInterceptor {

    private final Accounts accounts;

    CreditAlertBanner(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || page.getViewName() == null || page.getViewName().startsWith("redirect:")
                || !(page.getModel().get("me") instanceof Caller caller) || caller.userId() == null) {
            return;
        }
        accounts.creditAlertDue(caller.userId()).ifPresent(alert -> page.addObject("creditAlert",
                new Shown(Prices.usd(alert.remaining().nanoUsd()), Prices.usd(alert.below().nanoUsd()))));
    }

    /** The banner's words: the credits left and the amount the user asked to be warned below. */
    record Shown(String remaining, String below) {
    }
}
