package dev.switchboard.access;

import java.util.List;

/**
 * Paths besides {@code /api/admin/**} that only admins may call, declared as a bean by the module that maps them (the
 * seeds' own admin paths in {@code compat}). They are guarded by the same interceptor as {@code /api/admin/**}, so a
 * module that answers an admin route never checks a role itself.
 */
public record AdminRoutes(List<String> patterns) {

    public AdminRoutes {
        patterns = List.copyOf(patterns);
    }
}
