package app.knowledgenetwork.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;

/**
 * The environment variables a service cannot run without, declared in its application.properties as
 * {@code %prod.kn.required.DATABASE_URL=${DATABASE_URL}}. Config mappings are validated when the
 * configuration is built, before any extension opens a connection, so a deployment that forgets one
 * stops at once with a message naming every missing variable
 * ({@code Could not expand value DATABASE_URL in property kn.required.DATABASE_URL}) instead of a
 * later, vaguer failure of whichever client happens to start first. The %dev and %test profiles
 * have defaults for all of them and declare none.
 */
@ConfigMapping(prefix = "kn.required")
public interface RequiredSettings {

    /** Variable name to its value. */
    @WithParentName
    Map<String, String> values();
}
