package dev.switchboard.access;

/** The access hardening on the embedded SQLite default. */
class AccessHardeningOnSqliteTest extends AccessHardeningContract {
}
