package app.knowledgenetwork.knowledgeapi.documents;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code kn_documents_created_total} (the business dashboard's "documents created"), registered at start and
 * incremented by {@link Documents#create}. Registered lazily, the series would appear
 * with the first document: a quiet service shows no data, and {@code increase()} misses the first document after a
 * restart (a counter that appears at 1 reads as no increase).
 */
@Startup
@ApplicationScoped
public class DocumentMeters {
    private final Counter created;

    public DocumentMeters(MeterRegistry meters) {
        this.created = Counter.builder("kn.documents.created").description("Documents created").register(meters);
    }

    Counter created() {
        return created;
    }
}
