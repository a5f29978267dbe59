package dev.switchboard.metering;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQLite's write-ahead log checkpointed beside the usage writer, never inside a commit a request waits for (the embedded
 * URL sets {@code wal_autocheckpoint=0}: SQLite's own checkpoint runs inside whichever commit crosses its threshold).
 * <p>
 * A checkpoint copies the log into the database file: about 35 ms for 1,000 commits here, and while the writer ran it
 * itself the request whose record came next waited for all of it (the one-connection p99.9, once every 1,000 requests).
 * So after {@code every} commits a thread of its own copies the log, on another connection, while the writer goes on
 * committing (SQLite lets a passive checkpoint run beside a writer): round after round, each copying what the commits
 * beside the previous one added, until a round finds fewer than {@link #TAIL_FRAMES} new pages. That alone never lets the log
 * start again from its beginning under continuous writes (a checkpoint must find it fully copied, and one running beside
 * commits never does: the log grew by megabytes a second), so the writer then copies that short rest itself, between
 * two commits: a checkpoint that completes, after which the next commit restarts the log. At most {@link #MAX_ROUNDS}
 * rounds run, so that the log stops growing soon even when the background thread gets little CPU; should it reach four
 * times {@code every} commits with no copy running, the writer checkpoints it whole; while the writer has nothing to do
 * it checkpoints what it and other connections wrote.
 * <p>
 * Durability is unchanged: a commit is in the log (synchronous=NORMAL survives a process crash) whether or not it has
 * been copied into the database file yet; {@code UsageLogKillTest} kills a writing process to prove it. On PostgreSQL
 * this does nothing.
 */
final class WalCheckpoints implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WalCheckpoints.class);
    /** Pages of the log left for the writer to copy itself: a few commits' worth, well under a millisecond here. */
    static final long TAIL_FRAMES = 64;
    /** Rounds of one background copy at most: under a starved CPU rounds may never get that short, and the log grows meanwhile. */
    private static final int MAX_ROUNDS = 3;

    private final JdbcTemplate jdbc;
    private final int every;
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("wal-checkpoint").daemon().factory());
    private final AtomicBoolean copying = new AtomicBoolean();
    private volatile boolean copied;
    private volatile Boolean sqlite;
    private int commits;
    private int idlePolls;

    WalCheckpoints(JdbcTemplate jdbc, int every) {
        this.jdbc = jdbc;
        this.every = every;
    }

    /**
     * After a commit (on the writer's thread): the rest once the background has copied the bulk, the bulk handed to the
     * background every {@code every} commits, or everything at once past four times that.
     */
    void committed() {
        if (Boolean.FALSE.equals(sqlite)) {
            return;
        }
        commits++;
        if (copied || (commits >= 4 * every && !copying.get())) {
            copied = false;
            commits = 0;
            checkpoint();
        } else if (commits >= every && copying.compareAndSet(false, true)) {
            background.execute(this::copyBulk);
        }
    }

    /**
     * The writer found nothing to write for one poll: checkpoints at once what it wrote itself, and every fifth idle poll
     * (about once a second) what other connections may have written since.
     */
    void idle() {
        if (Boolean.FALSE.equals(sqlite)) {
            return;
        }
        if (commits > 0 || ++idlePolls >= 5) {
            idlePolls = 0;
            commits = 0;
            checkpoint();
        }
    }

    /**
     * Rounds of passive checkpoints until one finds fewer than {@link #TAIL_FRAMES} pages added since the round before (a
     * round copies the log as it was when it began, so it reports itself complete even while commits go on).
     */
    private void copyBulk() {
        try {
            var before = checkpoint();
            for (var round = 1; round < MAX_ROUNDS; round++) {
                var now = checkpoint();
                if (now.pages() - before.pages() <= TAIL_FRAMES) {
                    break;
                }
                before = now;
            }
        } finally {
            copied = true;
            copying.set(false);
        }
    }

    /** One passive checkpoint: the pages of the log when it began, and how many of them are copied now. */
    private Wal checkpoint() {
        try {
            if (!isSqlite()) {
                return Wal.NONE;
            }
            var wal = jdbc.execute((ConnectionCallback<Wal>) connection -> {
                try (var statement = connection.createStatement();
                     var result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    // busy (another checkpoint running), pages in the log, pages copied (-1, -1 when not in WAL mode)
                    return result.next() ? new Wal(result.getLong(2), result.getLong(3)) : Wal.NONE;
                }
            });
            return wal == null ? Wal.NONE : wal;
        } catch (RuntimeException e) {
            log.warn("WAL checkpoint failed; the next one will try again", e);
            return Wal.NONE;
        }
    }

    /** What a checkpoint reported: the log's pages when it began, and how many of them are copied. */
    private record Wal(long pages, long copied) {
        static final Wal NONE = new Wal(0, 0);
    }

    private boolean isSqlite() {
        if (sqlite == null) {
            sqlite = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getURL().startsWith("jdbc:sqlite:")));
        }
        return sqlite;
    }

    /** Lets a running catch-up finish (the writer has stopped), before the database goes away. */
    @Override
    public void close() throws InterruptedException {
        background.shutdown();
        background.awaitTermination(10, TimeUnit.SECONDS);
    }
}
