package dev.switchboard.gateway;

/** The stored responses contract on the embedded SQLite. */
class StoredResponsesOnSqliteTest extends StoredResponsesContract {
}
