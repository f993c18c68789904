package app.knowledgenetwork.syncservice.schedule;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A run in migration-only mode fires nothing. */
@Singleton
public class MigrateOnlySkip implements Scheduled.SkipPredicate {

    private final boolean migrateOnly;

    public MigrateOnlySkip(@ConfigProperty(name = "kn.migrate-only", defaultValue = "false") boolean migrateOnly) {
        this.migrateOnly = migrateOnly;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return migrateOnly;
    }
}
