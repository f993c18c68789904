package app.knowledgenetwork.knowledgeapi.errors;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.List;
import java.util.Map;

/** An error as it is sent: message, where it happened, and extensions holding its code. */
final class CodedError implements GraphQLError {
    private final String message;
    private final List<SourceLocation> locations;
    private final List<Object> path;
    private final ErrorClassification classification;
    private final Map<String, Object> extensions;

    CodedError(String message, List<SourceLocation> locations, List<Object> path, ErrorClassification classification, Map<String, Object> extensions) {
        this.message = message;
        this.locations = locations;
        this.path = path;
        this.classification = classification;
        this.extensions = extensions;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public ErrorClassification getErrorType() {
        return classification;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
