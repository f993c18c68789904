package app.knowledgenetwork.syncservice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The settings of the sync itself; every one has an env var (see README). */
@ConfigMapping(prefix = "kn.sync")
public interface SyncSettings {

    /** ENCRYPTION_KEY: 32 random bytes in base64, the AES-256-GCM key of stored tokens. */
    String encryptionKey();

    /** SYNC_WORKERS: tasks this replica works on at once. */
    @WithDefault("2")
    int workers();

    /** SYNC_LEASE: how long a claimed task stays a worker's without a heartbeat; then any replica takes it over. */
    @WithDefault("2m")
    Duration lease();

    /** SYNC_HEARTBEAT: how often a working worker renews its lease (well under the lease). */
    @WithDefault("20s")
    Duration heartbeat();

    /** SYNC_POLL_INTERVAL: how often an idle worker looks for tasks. */
    @WithDefault("1s")
    Duration pollInterval();

    /** SYNC_WRITE_BATCH: notes per notion-writer request (one task). */
    @WithDefault("10")
    int writeBatch();

    /** SYNC_MAX_TASK_ATTEMPTS: a task whose connector keeps failing fails its notes after this many attempts. */
    @WithDefault("5")
    int maxTaskAttempts();

    /** SYNC_RETRY_DELAY: the wait before a failed task is tried again (doubled per attempt). */
    @WithDefault("5s")
    Duration retryDelay();

    /** SYNC_SCHEDULE_CHECK: how often a replica looks for scheduled runs that are due. */
    @WithDefault("30s")
    Duration scheduleCheck();
}
