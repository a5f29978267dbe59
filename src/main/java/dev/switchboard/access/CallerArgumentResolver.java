package dev.switchboard.access;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a controller method take a {@link Caller} parameter: the request is then authenticated or refused. The caller
 * carries the request's BYOK headers ({@link ByokHeader}); it is resolved once per request.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private static final String ATTRIBUTE = Caller.class.getName();
    private final Authenticator authenticator;

    CallerArgumentResolver(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        return callerOf(webRequest.getNativeRequest(HttpServletRequest.class), authenticator);
    }

    /** The inference endpoints, where API clients call, and their own prompt library; the rest of the management API is for users. */
    private static boolean servesClients(String path) {
        return path.startsWith("/v1/") || path.startsWith("/api/v1/llm/") || path.equals("/api/prompts") || path.startsWith("/api/prompts/");
    }

    static Caller callerOf(HttpServletRequest request, Authenticator authenticator) {
        if (request.getAttribute(ATTRIBUTE) instanceof Caller caller) {
            return caller;
        }
        var caller = authenticator.authenticate(request.getHeader("Authorization"), request.getHeader("X-API-Key"))
                .withByok(new ByokHeader(request.getHeader(ByokHeader.KEY_HEADER), request.getHeader(ByokHeader.BASE_URL_HEADER)));
        if (caller.isClient() && !servesClients(request.getRequestURI())) {
            throw new AccessDenied("An API client key serves the inference endpoints (/v1/…) only.");
        }
        request.setAttribute(ATTRIBUTE, caller);
        return caller;
    }
}
