package app.knowledgenetwork.syncservice.secrets;

import app.knowledgenetwork.common.secrets.SecretBox;
import app.knowledgenetwork.syncservice.SyncSettings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The one SecretBox of the service, built at start so that a bad ENCRYPTION_KEY stops it at once, naming the variable. */
public class SecretBoxProducer {

    @Produces
    @ApplicationScoped
    @Startup
    SecretBox secretBox(SyncSettings settings) {
        return SecretBox.fromBase64("ENCRYPTION_KEY", settings.encryptionKey());
    }
}
