package app.knowledgenetwork.knowledgeapi.errors;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Search could not be answered because OpenSearch is unreachable or failing; the rest of the API still works.
 * Not an INTERNAL_SERVER_ERROR: nothing is wrong with the request or with this service, and retrying later helps.
 */
@ErrorCode("SEARCH_UNAVAILABLE")
public class SearchUnavailable extends ApiException {
    public SearchUnavailable(String message) {
        super(message);
    }
}
