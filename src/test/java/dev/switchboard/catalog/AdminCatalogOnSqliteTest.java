package dev.switchboard.catalog;

/** The admin catalog on the embedded default: SQLite in the data directory. */
class AdminCatalogOnSqliteTest extends AdminCatalogContract {
}
