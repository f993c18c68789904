package app.knowledgenetwork.knowledgeapi.demo;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Started with {@code kn.seed-demo=true} (after the migrations, as bin/stack does), knowledge-api seeds the demo
 * data, prints the result to standard output (shell-sourceable lines, see {@link DemoSeed#render()}) and exits: 0
 * when seeded or already seeded, 1 when seeding failed (and then nothing was written). Run it with
 * {@code quarkus.log.console.stderr=true} so that standard output holds only the result.
 */
@ApplicationScoped
public class SeedDemoMode {

    void seedAndExit(@Observes StartupEvent event, DemoSeeder seeder,
                     @ConfigProperty(name = "kn.seed-demo", defaultValue = "false") boolean seedDemo) {
        if (!seedDemo) {
            return;
        }
        try {
            DemoSeed seed = seeder.seed();
            System.out.print(seed.render());
            System.out.flush();
            Log.info(seed.created() ? "kn.seed-demo: the demo admin and workspace were created, exiting"
                    : "kn.seed-demo: the demo data were seeded before; nothing changed, exiting");
            Quarkus.asyncExit(0);
        } catch (RuntimeException e) {
            Log.error("kn.seed-demo: seeding the demo data failed; nothing was written", e);
            Quarkus.asyncExit(1);
        }
    }
}
