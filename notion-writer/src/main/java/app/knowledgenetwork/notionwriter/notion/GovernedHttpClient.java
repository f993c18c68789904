package app.knowledgenetwork.notionwriter.notion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import notion.api.v1.http.NotionHttpClient;
import notion.api.v1.http.NotionHttpResponse;
import notion.api.v1.logging.NotionLogger;

/**
 * The SDK's java.net.http transport with every request passed through the {@link NotionCallGovernor},
 * so that the SDK's own calls obey the shared rate limit and retries like everything else.
 */
final class GovernedHttpClient implements NotionHttpClient {

    private final NotionHttpClient delegate;
    private final NotionCallGovernor governor;

    GovernedHttpClient(NotionHttpClient delegate, NotionCallGovernor governor) {
        this.delegate = delegate;
        this.governor = governor;
    }

    static NotionCallGovernor.Answer answer(NotionHttpResponse response) {
        return new NotionCallGovernor.Answer() {
            @Override
            public int status() {
                return response.getStatus();
            }

            @Override
            public Optional<String> header(String name) {
                return response.getHeaders().entrySet().stream()
                        .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                        .flatMap(e -> e.getValue().stream()).findFirst();
            }
        };
    }

    @Override
    public NotionHttpResponse get(NotionLogger logger, String url, Map<String, ? extends List<String>> query, Map<String, String> headers) {
        return governor.call(() -> delegate.get(logger, url, query, headers), GovernedHttpClient::answer);
    }

    @Override
    public NotionHttpResponse postTextBody(NotionLogger logger, String url, Map<String, ? extends List<String>> query, String body,
            Map<String, String> headers) {
        return governor.call(() -> delegate.postTextBody(logger, url, query, body, headers), GovernedHttpClient::answer);
    }

    @Override
    public NotionHttpResponse patchTextBody(NotionLogger logger, String url, Map<String, ? extends List<String>> query, String body,
            Map<String, String> headers) {
        return governor.call(() -> delegate.patchTextBody(logger, url, query, body, headers), GovernedHttpClient::answer);
    }

    /** A POST that must not be repeated blindly: see {@link NotionCallGovernor#callUnrepeatable}. */
    NotionHttpResponse postUnrepeatable(NotionLogger logger, String url, String body, Map<String, String> headers) {
        return governor.callUnrepeatable(() -> delegate.postTextBody(logger, url, Map.of(), body, headers), GovernedHttpClient::answer);
    }

    /** A PATCH that must not be repeated blindly (a block append). */
    NotionHttpResponse patchUnrepeatable(NotionLogger logger, String url, String body, Map<String, String> headers) {
        return governor.callUnrepeatable(() -> delegate.patchTextBody(logger, url, Map.of(), body, headers), GovernedHttpClient::answer);
    }

    @Override
    public NotionHttpResponse delete(NotionLogger logger, String url, Map<String, ? extends List<String>> query, Map<String, String> headers) {
        return governor.call(() -> delegate.delete(logger, url, query, headers), GovernedHttpClient::answer);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String urlEncode(String value) {
        return delegate.urlEncode(value);
    }

    @Override
    public String buildQueryString(Map<String, ? extends List<String>> query) {
        return delegate.buildQueryString(query);
    }

    @Override
    public String buildFullUrl(String url, String query) {
        return delegate.buildFullUrl(url, query);
    }

    @Override
    public void debugLogStart(NotionLogger logger, String method, String url, String body) {
        delegate.debugLogStart(logger, method, url, body);
    }

    @Override
    public void debugLogSuccess(NotionLogger logger, long startTime, NotionHttpResponse response) {
        delegate.debugLogSuccess(logger, startTime, response);
    }

    @Override
    public void warnLogFailure(NotionLogger logger, Exception e) {
        delegate.warnLogFailure(logger, e);
    }
}
