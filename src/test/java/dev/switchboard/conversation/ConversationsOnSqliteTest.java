package dev.switchboard.conversation;

class ConversationsOnSqliteTest extends ConversationsContract {
}
