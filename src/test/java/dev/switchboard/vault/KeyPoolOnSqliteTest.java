package dev.switchboard.vault;

/** The key pool contract on the embedded SQLite default. */
class KeyPoolOnSqliteTest extends KeyPoolContract {
}
