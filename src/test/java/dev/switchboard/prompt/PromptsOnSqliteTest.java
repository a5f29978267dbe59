package dev.switchboard.prompt;

class PromptsOnSqliteTest extends PromptsContract {
}
