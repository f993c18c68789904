package app.knowledgenetwork.emulators.keep;

import app.knowledgenetwork.emulators.google.GoogleIdentities;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.logging.Logger;

/** Seeds the Keep emulator from {@code kn.emulators.keep.seed-file} at start; a bad file stops the start. */
public class KeepSeedLoader {

    private static final Logger LOG = Logger.getLogger(KeepSeedLoader.class);

    void onStart(@Observes StartupEvent event, KeepEmulatorConfig config, KeepStore store, GoogleIdentities identities,
            ObjectMapper json) {
        config.seedFile().ifPresent(file -> {
            try {
                KeepSeed.apply(json.readTree(Files.readAllBytes(file)), store, identities);
                LOG.infof("Keep emulator seeded from %s", file);
            } catch (IOException e) {
                throw new UncheckedIOException("kn.emulators.keep.seed-file " + file + " cannot be read: " + e.getMessage(), e);
            }
        });
    }
}
