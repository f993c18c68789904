package app.knowledgenetwork.emulators.keep;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Settings of the Keep API emulator. */
@ConfigMapping(prefix = "kn.emulators.keep")
public interface KeepEmulatorConfig {

    /** Page size when the request gives none (or 0): the server decides, as Google's does. */
    @WithDefault("25")
    int defaultPageSize();

    /** Larger page sizes are lowered to this. */
    @WithDefault("100")
    int maxPageSize();

    /** A JSON file to seed notes, service-account keys and refresh tokens from at start (see KeepSeed). */
    Optional<Path> seedFile();
}
