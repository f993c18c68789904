package app.knowledgenetwork.notionwriter.writes;

import app.knowledgenetwork.common.notes.NoteBody;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The note body on the wire: {@code {"kind":"text","text":...}} or {@code {"kind":"checklist","items":[...]}}.
 * Declared here as a mix-in because the shared model in common carries no Jackson annotations.
 */
@Singleton
public class NoteBodyJson implements ObjectMapperCustomizer {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = NoteBody.Text.class, name = "text"),
        @JsonSubTypes.Type(value = NoteBody.Checklist.class, name = "checklist")
    })
    interface Mixin {
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(NoteBody.class, Mixin.class);
    }
}
