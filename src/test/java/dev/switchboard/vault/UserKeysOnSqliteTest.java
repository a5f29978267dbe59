package dev.switchboard.vault;

/** Users' keys and the credential order on the embedded default: SQLite in the data directory. */
class UserKeysOnSqliteTest extends UserKeysContract {
}
