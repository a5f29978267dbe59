package dev.switchboard.access;

class MyGatewayKeysOnSqliteTest extends MyGatewayKeysContract {
}
