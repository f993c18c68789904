package app.knowledgenetwork.common.notes;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * A note holds either free text or a checklist, never both (as in Keep). On the wire between the sync
 * services: {@code {"type":"text","text":...}} or {@code {"type":"checklist","items":[...]}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NoteBody.Text.class, name = "text"),
    @JsonSubTypes.Type(value = NoteBody.Checklist.class, name = "checklist")
})
public sealed interface NoteBody {

    /** Free text, line breaks kept. */
    record Text(String text) implements NoteBody {
        public Text {
            text = text == null ? "" : text;
        }
    }

    /** A checklist; Keep nests at most one level. */
    record Checklist(List<ChecklistItem> items) implements NoteBody {
        public Checklist {
            items = List.copyOf(items);
        }
    }

    /** One checklist entry with its sub-entries. */
    record ChecklistItem(String text, boolean checked, List<ChecklistItem> children) {
        public ChecklistItem {
            text = text == null ? "" : text;
            children = List.copyOf(Objects.requireNonNull(children, "children"));
        }

        public static ChecklistItem of(String text, boolean checked) {
            return new ChecklistItem(text, checked, List.of());
        }
    }
}
