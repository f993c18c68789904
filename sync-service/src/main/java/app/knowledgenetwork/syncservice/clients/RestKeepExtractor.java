package app.knowledgenetwork.syncservice.clients;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

@ApplicationScoped
public class RestKeepExtractor implements KeepExtractor {

    private final KeepExtractorApi api;

    public RestKeepExtractor(@RestClient KeepExtractorApi api) {
        this.api = api;
    }

    @Override
    public Extraction extract(String jobId, KeepCredentials credentials, String watermark) {
        try {
            return api.extract(new KeepExtractorApi.ExtractRequest(jobId, credentials, watermark));
        } catch (ProcessingException e) {
            throw new ConnectorFailure(0, "keep-extractor did not answer", String.valueOf(e.getMessage()));
        }
    }

    @Override
    public TakeoutResult importTakeout(String jobId, java.io.InputStream archive) {
        try {
            return api.importTakeout(jobId, archive);
        } catch (ProcessingException e) {
            throw new ConnectorFailure(0, "keep-extractor did not answer", String.valueOf(e.getMessage()));
        }
    }
}
