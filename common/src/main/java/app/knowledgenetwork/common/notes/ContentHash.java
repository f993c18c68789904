package app.knowledgenetwork.common.notes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash sync-service compares with its mapping table to decide whether a note needs a write.
 * It covers exactly what the Notion page shows: title, body, labels, colour, pinned, archived,
 * trashed, created time, links, and the attachments' bytes (by their SHA-256, not their S3 key,
 * which changes with every job). The last-edit time is left out: Keep moves it for changes Notion
 * does not show (sharing, reordering), and rewriting a page for those would spend rate limit on
 * nothing. Every value is length-prefixed, so no two different notes can serialize alike.
 */
public final class ContentHash {

    /** Bump when the serialization changes, so every note is written once more. */
    static final String VERSION = "v1";

    private ContentHash() {
    }

    public static String of(Note note) {
        StringBuilder out = new StringBuilder(256).append(VERSION);
        field(out, note.title());
        switch (note.body()) {
            case NoteBody.Text text -> {
                field(out, "text");
                field(out, text.text());
            }
            case NoteBody.Checklist checklist -> {
                field(out, "checklist");
                items(out, checklist.items());
            }
        }
        field(out, Integer.toString(note.labels().size()));
        note.labels().forEach(label -> field(out, label));
        field(out, note.color().orElse(""));
        field(out, note.pinned() + "/" + note.archived() + "/" + note.trashed());
        field(out, note.createdAt().toString());
        field(out, Integer.toString(note.links().size()));
        for (WebLink link : note.links()) {
            field(out, link.url());
            field(out, link.title());
            field(out, link.description());
        }
        field(out, Integer.toString(note.attachments().size()));
        for (Attachment attachment : note.attachments()) {
            field(out, attachment.sha256());
            field(out, attachment.mimeType());
            field(out, attachment.fileName());
        }
        return sha256(out.toString());
    }

    private static void items(StringBuilder out, List<NoteBody.ChecklistItem> items) {
        field(out, Integer.toString(items.size()));
        for (NoteBody.ChecklistItem item : items) {
            field(out, item.text());
            field(out, Boolean.toString(item.checked()));
            items(out, item.children());
        }
    }

    private static void field(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
