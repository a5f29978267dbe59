package dev.switchboard.metering;

/** The usage reports contract on the embedded SQLite default. */
class UsageReportsOnSqliteTest extends UsageReportsContract {
}
