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
    public Extraction readNotes(String jobId, KeepCredentials credentials, java.util.List<String> noteIds) {
        try {
            return api.batchGet(new KeepExtractorApi.BatchGetRequest(jobId, credentials, noteIds));
        } catch (ProcessingException e) {
            throw new ConnectorFailure(0, "keep-extractor did not answer", String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void deleteAttachments(java.util.List<String> keys) {
        for (int from = 0; from < keys.size(); from += 1000) {
            try {
                api.deleteAttachments(new KeepExtractorApi.AttachmentDeletion(keys.subList(from, Math.min(keys.size(), from + 1000))));
            } catch (ProcessingException e) {
                throw new ConnectorFailure(0, "keep-extractor did not answer", String.valueOf(e.getMessage()));
            }
        }
    }

    @Override
    public long storeTakeout(String jobId, java.io.InputStream archive) {
        try {
            return api.storeTakeout(jobId, archive).sizeBytes();
        } catch (ProcessingException e) {
            throw new ConnectorFailure(0, "keep-extractor did not answer", String.valueOf(e.getMessage()));
        }
    }

    @Override
    public TakeoutResult importStoredTakeout(String jobId) {
        try {
            return api.importStoredTakeout(jobId);
        } catch (ProcessingException e) {
            throw new ConnectorFailure(0, "keep-extractor did not answer", String.valueOf(e.getMessage()));
        }
    }
}
