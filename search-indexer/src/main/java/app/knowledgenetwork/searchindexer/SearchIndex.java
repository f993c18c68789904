package app.knowledgenetwork.searchindexer;

import app.knowledgenetwork.common.search.DocumentIndex;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;

/**
 * The documents index this service owns (common's {@link DocumentIndex}): created with its mapping behind the alias
 * at start if missing. If OpenSearch is away at start, the service still starts (readiness says OpenSearch is DOWN)
 * and every batch tries again before writing anything, so nothing is ever written into an index without the mapping.
 *
 * <p>An alias that points at an index of an older mapping version ({@link DocumentIndex#VERSION}, read from the index
 * name) is {@link State#OUTDATED}: this release's entries may not fit that mapping, so the outbox waits while
 * {@link Reindex} builds an index of the current version and moves the alias over; then it is current.
 */
@ApplicationScoped
public class SearchIndex {
    private static final Logger LOG = Logger.getLogger(SearchIndex.class);

    public enum State {
        /** Live writes go through the alias. */
        CURRENT,
        /** The alias points at an older mapping: no live writes until a reindex has moved it. */
        OUTDATED,
        /** OpenSearch did not answer. */
        UNAVAILABLE
    }

    private final OpenSearchClient client;
    private final DocumentIndex index;
    private volatile boolean current;
    private volatile boolean outdatedLogged;

    private final String refreshInterval;

    public SearchIndex(OpenSearchClient client, @ConfigProperty(name = "kn.opensearch.index-prefix") String indexPrefix, IndexerConfig config) {
        this.client = client;
        this.index = DocumentIndex.of(indexPrefix);
        if (!config.refreshInterval().matches("-1|[1-9][0-9]*(ms|s|m)")) {
            throw new IllegalArgumentException("kn.indexer.refresh-interval must be a time such as 1s or 500ms (or -1: never), was '"
                    + config.refreshInterval() + "'");
        }
        this.refreshInterval = config.refreshInterval();
    }

    void onStart(@Observes StartupEvent start) {
        ensure();
    }

    public DocumentIndex index() {
        return index;
    }

    /** The alias under which a reindex builds its index, before the switch ({@link Reindex}). */
    public String buildingAlias() {
        return index.alias() + "-building";
    }

    /** Whether live writes may go through the alias, creating the index if need be; once current, stays so. */
    public State ensure() {
        if (current) {
            return State.CURRENT;
        }
        try {
            switch (index.createIfMissing(client)) {
                case CREATED -> LOG.infof("Created index %s behind alias %s", index.index(), index.alias());
                case CREATED_WITHOUT_STEMMING -> LOG.warnf("Created index %s behind alias %s WITHOUT English stemming: this OpenSearch has no "
                        + "'english' analyzer (its analysis-common module is missing). Fine for local tests; in production use a full distribution.",
                        index.index(), index.alias());
                case ALREADY_THERE -> LOG.debugf("Index alias %s exists", index.alias());
            }
            List<String> targets = targetsOf(index.alias());
            OptionalInt oldest = targets.stream().mapToInt(t -> index.versionOf(t).orElse(0)).min();
            if (oldest.isPresent() && oldest.getAsInt() < DocumentIndex.VERSION) {
                if (!outdatedLogged) {
                    outdatedLogged = true;
                    LOG.warnf("Alias %s points at %s (mapping v%d); this release writes v%d. Changes wait in the outbox until a reindex has built "
                            + "an index of v%d and moved the alias", index.alias(), targets, oldest.getAsInt(), DocumentIndex.VERSION, DocumentIndex.VERSION);
                }
                return State.OUTDATED;
            }
            for (String target : targets) {
                liveSettings(target);
            }
            current = true;
            outdatedLogged = false;
            return State.CURRENT;
        } catch (Exception e) {
            LOG.warnf("Cannot set up index alias %s yet (%s); trying again before the next batch", index.alias(), e.toString());
            return State.UNAVAILABLE;
        }
    }

    /**
     * The settings of an index that serves searches, on {@code name} (an index or an alias): {@code
     * kn.indexer.refresh-interval}, and refreshes that do not wait for merges. OpenSearch's merge on refresh
     * ({@code index.merge_on_flush}, on by default) lets a refresh wait up to 10 s for a merge of the small segments that
     * earlier refreshes wrote, and for that long nothing written since is searchable: after a burst of writes (an import,
     * a reindex's replay) those segments are tens of megabytes and the first refreshes after it waited 1.4 s on a
     * 2-core machine (bench/search, sixteenth pass), nearly doubling the commit-to-searchable lag. The merge policy still
     * merges them, in the background.
     */
    void liveSettings(String name) throws IOException {
        putSettings(name, "{\"refresh_interval\":\"" + refreshInterval + "\",\"merge_on_flush\":{\"enabled\":false}}");
    }

    /** Sets the dynamic index settings {@code settings} (a JSON object of the {@code index} section) on {@code name}. */
    void putSettings(String name, String settings) throws IOException {
        try (var response = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + name + "/_settings")
                .json("{\"index\":" + settings + "}").build())) {
            if (response.getStatus() != 200) {
                throw new IOException("Setting " + settings + " on " + name + " answered " + response.getStatus() + " "
                        + response.getBody().map(Body::bodyAsString).orElse(""));
            }
        }
    }

    /** Forgets that the alias was current, so the next {@link #ensure} looks again (tests, after moving the alias by hand). */
    void recheck() {
        current = false;
    }

    /** The indices {@code alias} points at; none when the alias does not exist. */
    List<String> targetsOf(String alias) throws IOException {
        try {
            return List.copyOf(client.indices().getAlias(r -> r.name(alias)).result().keySet());
        } catch (OpenSearchException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }
}
