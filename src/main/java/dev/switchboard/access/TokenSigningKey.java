package dev.switchboard.access;

/**
 * The secret that signs and verifies access tokens (HS256, at least 32 bytes), the same on every instance. Access
 * declares it; the vault implements it (generated once, stored sealed with the master key) so that access needs no
 * crypto of its own and the modules keep one direction of dependency.
 */
public interface TokenSigningKey {

    /** The key bytes; callers must not log or return them. */
    byte[] hs256Key();
}
