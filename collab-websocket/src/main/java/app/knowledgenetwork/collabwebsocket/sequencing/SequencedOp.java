package app.knowledgenetwork.collabwebsocket.sequencing;

import app.knowledgenetwork.collabwebsocket.ot.TextOperation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One operation as the document's log holds it and every replica receives it: the version it turned the document
 * from ({@code v}), the ot-text-unicode operation, who sent it ({@code src}/{@code seq}, {@code u} the user id, null
 * for a change merged from knowledge-api), when it was sequenced ({@code t}, epoch ms) and the live state's epoch.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SequencedOp(@JsonProperty("e") String epoch, @JsonProperty("v") long version, @JsonProperty("op") List<Object> op,
                          @JsonProperty("src") String source, @JsonProperty("seq") long seq, @JsonProperty("u") String user,
                          @JsonProperty("t") long sequencedAt) {

    @JsonIgnore
    public TextOperation operation() {
        return TextOperation.fromJson(op);
    }

    public String encode(ObjectMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SequencedOp decode(ObjectMapper json, String text) {
        try {
            return json.readValue(text, SequencedOp.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a sequenced operation: " + e.getOriginalMessage());
        }
    }
}
