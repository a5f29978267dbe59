package dev.switchboard.gateway;

/** The gateway contract on the embedded default: SQLite in the data directory. */
class ChatCompletionsOnSqliteTest extends ChatCompletionsContract {
}
