package app.knowledgenetwork.common.migration;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The migration contract of the services that own a schema (docs/DEPLOYMENT.md, "Migrations"):
 * started with {@code kn.migrate-only=true} and {@code quarkus.flyway.migrate-at-start=true}, a
 * service applies its Flyway migrations during start-up and exits with 0, before serving any traffic.
 * A failed migration fails start-up, so the process exits non-zero. The Kubernetes migration Jobs and
 * {@code bin/stack} run the services this way before a rollout.
 */
@ApplicationScoped
public class MigrateOnlyMode {

    void exitAfterMigrations(@Observes StartupEvent event,
            @ConfigProperty(name = "kn.migrate-only", defaultValue = "false") boolean migrateOnly) {
        if (migrateOnly) {
            Log.info("kn.migrate-only is set: migrations are applied, exiting");
            Quarkus.asyncExit(0);
        }
    }
}
