package app.knowledgenetwork.common.notes;

import java.util.List;
import java.util.Objects;

/** A note holds either free text or a checklist, never both (as in Keep). */
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
