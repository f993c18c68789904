package app.knowledgenetwork.emulators.notion;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Settings of the Notion API emulator. */
@ConfigMapping(prefix = "kn.emulators.notion")
public interface NotionEmulatorConfig {

    /**
     * A JSON file to seed integration tokens and databases from at start:
     * {@code {"tokens":[{"token","rate","burst"}],"databases":[{"id","token","title","properties":{...}}]}},
     * each entry as the admin API's {@code POST /_emulator/notion/tokens} and {@code databases} take it.
     */
    Optional<Path> seedFile();
}
