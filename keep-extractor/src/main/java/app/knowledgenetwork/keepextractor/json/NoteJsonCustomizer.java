package app.knowledgenetwork.keepextractor.json;

import app.knowledgenetwork.common.notes.NoteBody;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Gives the note body a {@code "type"} discriminator ({@code text} or {@code checklist}) in JSON,
 * so readers of the notes (sync-service, notion-writer) can tell the two apart.
 */
@Singleton
public class NoteJsonCustomizer implements ObjectMapperCustomizer {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = NoteBody.Text.class, name = "text"),
            @JsonSubTypes.Type(value = NoteBody.Checklist.class, name = "checklist")})
    interface NoteBodyMixin {
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(NoteBody.class, NoteBodyMixin.class);
    }
}
