package dev.switchboard.budget;

/** The API clients contract on the embedded SQLite default. */
class ApiClientsOnSqliteTest extends ApiClientsContract {
}
