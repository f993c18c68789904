package app.knowledgenetwork.notionwriter.mapping;

/** A note Notion cannot represent as it is; reported against the note, never silently trimmed. */
public class UnsupportedNoteException extends RuntimeException {
    public UnsupportedNoteException(String message) {
        super(message);
    }
}
