package dev.switchboard.access;

/** People and roles on the embedded default: SQLite in the data directory. */
class PeopleOnSqliteTest extends PeopleContract {
}
