package app.knowledgenetwork.common.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes every service validate {@link RequiredSettings}: Quarkus registers a config mapping only
 * where something injects it. Logs the names, never the values, which are often credentials.
 */
@Startup
@ApplicationScoped
class RequiredSettingsCheck {

    RequiredSettingsCheck(RequiredSettings required) {
        Log.debugf("required settings present: %s", required.values().keySet());
    }
}
