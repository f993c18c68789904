package app.knowledgenetwork.searchindexer;

import app.knowledgenetwork.common.search.DocumentIndex;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The documents index this service owns (common's {@link DocumentIndex}): created with its mapping behind the alias
 * at start if missing. If OpenSearch is away at start, the service still starts (readiness says OpenSearch is DOWN)
 * and every batch tries again before writing anything, so nothing is ever written into an index without the mapping.
 */
@ApplicationScoped
public class SearchIndex {
    private static final Logger LOG = Logger.getLogger(SearchIndex.class);

    private final OpenSearchClient client;
    private final DocumentIndex index;
    private volatile boolean ready;

    public SearchIndex(OpenSearchClient client, @ConfigProperty(name = "kn.opensearch.index-prefix") String indexPrefix) {
        this.client = client;
        this.index = DocumentIndex.of(indexPrefix);
    }

    void onStart(@Observes StartupEvent start) {
        ensure();
    }

    public DocumentIndex index() {
        return index;
    }

    /** Whether the index is there, creating it if need be; false (and logged) while OpenSearch cannot say. */
    public boolean ensure() {
        if (ready) {
            return true;
        }
        try {
            switch (index.createIfMissing(client)) {
                case CREATED -> LOG.infof("Created index %s behind alias %s", index.index(), index.alias());
                case CREATED_WITHOUT_STEMMING -> LOG.warnf("Created index %s behind alias %s WITHOUT English stemming: this OpenSearch has no "
                        + "'english' analyzer (its analysis-common module is missing). Fine for local tests; in production use a full distribution.",
                        index.index(), index.alias());
                case ALREADY_THERE -> LOG.debugf("Index alias %s exists", index.alias());
            }
            ready = true;
        } catch (Exception e) {
            LOG.warnf("Cannot set up index alias %s yet (%s); trying again before the next batch", index.alias(), e.toString());
        }
        return ready;
    }
}
