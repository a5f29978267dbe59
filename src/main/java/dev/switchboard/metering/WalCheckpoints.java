package dev.switchboard.metering;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQLite's write-ahead log checkpointed by the usage writer itself, between its commits, instead of inside whichever
 * commit crosses SQLite's automatic threshold (the embedded URL sets {@code wal_autocheckpoint=0}). An automatic
 * checkpoint copies the log into the database file and syncs both while its commit waits, so the request waiting for
 * that commit waited for the checkpoint too: that was the one-connection p99. Here the writer checkpoints only once its
 * queue is empty (the requests it has just committed are answered already), after {@code every} commits; past four times
 * that it checkpoints anyway, so that a queue that never empties cannot grow the log without bound. While the writer
 * has nothing to do it checkpoints what other connections wrote. A passive checkpoint on the writer's own thread
 * completes (no usage commit runs beside it), so the next commit starts the log from its beginning again; a background
 * thread's passive checkpoint did not, under continuous writes, and the log grew by megabytes a second.
 * <p>
 * Durability is unchanged: a commit is in the log (synchronous=NORMAL survives a process crash) whether or not it has
 * been copied into the database file yet; {@code UsageLogKillTest} kills a writing process to prove it. On PostgreSQL
 * this does nothing.
 */
final class WalCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(WalCheckpoints.class);

    private final JdbcTemplate jdbc;
    private final int every;
    private Boolean sqlite;
    private int commits;
    private int idlePolls;

    WalCheckpoints(JdbcTemplate jdbc, int every) {
        this.jdbc = jdbc;
        this.every = every;
    }

    /** After a commit: checkpoints when the writer's queue is empty and enough has been written, or far too much. */
    void committed(boolean queueEmpty) {
        commits++;
        if ((queueEmpty && commits >= every) || commits >= 4 * every) {
            checkpoint();
        }
    }

    /**
     * The writer found nothing to write for one poll: checkpoints at once what it wrote itself, and every fifth idle poll
     * (about once a second) what other connections may have written since.
     */
    void idle() {
        if (commits > 0 || ++idlePolls >= 5) {
            idlePolls = 0;
            checkpoint();
        }
    }

    private void checkpoint() {
        commits = 0;
        try {
            if (isSqlite()) {
                jdbc.execute((ConnectionCallback<Void>) connection -> {
                    try (var statement = connection.createStatement()) {
                        statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
                    }
                    return null;
                });
            }
        } catch (RuntimeException e) {
            log.warn("WAL checkpoint failed; the next one will try again", e);
        }
    }

    private boolean isSqlite() {
        if (sqlite == null) {
            sqlite = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getURL().startsWith("jdbc:sqlite:")));
        }
        return sqlite;
    }
}
