package app.knowledgenetwork.emulators.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.logging.Logger;

/**
 * Seeds the Notion emulator from {@code kn.emulators.notion.seed-file} at start, through the admin API's
 * own operations so a seeded token or database is exactly what a test would have created; a bad file
 * stops the start.
 */
public class NotionSeedLoader {

    private static final Logger LOG = Logger.getLogger(NotionSeedLoader.class);

    void onStart(@Observes StartupEvent event, NotionEmulatorConfig config, NotionAdminResource admin, ObjectMapper json) {
        config.seedFile().ifPresent(file -> {
            JsonNode seed;
            try {
                seed = json.readTree(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("kn.emulators.notion.seed-file " + file + " cannot be read: " + e.getMessage(), e);
            }
            seed.path("tokens").forEach(admin::token);
            seed.path("databases").forEach(admin::database);
            LOG.infof("Notion emulator seeded from %s: %d tokens, %d databases", file,
                    seed.path("tokens").size(), seed.path("databases").size());
        });
    }
}
