package app.knowledgenetwork.knowledgeapi.documents;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Registers {@code kn_documents_created_total} (the business dashboard's "documents created") at start, the counter
 * {@link Documents#create} increments: Micrometer hands out one counter per name. Without this the series appears
 * with the first document: a quiet service shows no data, and {@code increase()} misses the first document after a
 * restart (a counter that appears at 1 reads as no increase).
 */
@Startup
@ApplicationScoped
public class DocumentMeters {

    public DocumentMeters(MeterRegistry meters) {
        Counter.builder("kn.documents.created").description("Documents created").register(meters);
    }
}
