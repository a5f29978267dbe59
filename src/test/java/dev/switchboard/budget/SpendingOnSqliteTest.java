package dev.switchboard.budget;

/** The spending contract on the embedded SQLite default. */
class SpendingOnSqliteTest extends SpendingContract {
}
