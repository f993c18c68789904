package app.knowledgenetwork.emulators.keep;

import app.knowledgenetwork.emulators.google.GoogleApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Converts between the emulator's notes and the Keep API's JSON. Seeds are written in the API's own
 * shape plus what only tests may set: {@code id}, times, {@code trashed}/{@code trashTime}, and the
 * attachments' bytes ({@code {"id","mimeType":[...],"contentBase64"}}).
 */
final class KeepJson {

    private KeepJson() {
    }

    static ObjectNode render(KeepNote note, ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        out.put("name", note.name());
        out.put("createTime", note.createTime().toString());
        out.put("updateTime", note.updateTime().toString());
        note.trashTime().ifPresent(t -> out.put("trashTime", t.toString()));
        if (note.trashed()) {
            out.put("trashed", true);
        }
        ArrayNode permissions = out.putArray("permissions");
        ObjectNode owner = permissions.addObject();
        owner.put("name", note.name() + "/permissions/owner");
        owner.put("role", "OWNER");
        owner.put("email", note.owner());
        owner.putObject("user").put("email", note.owner());
        owner.put("deleted", false);
        if (!note.title().isEmpty()) {
            out.put("title", note.title());
        }
        out.set("body", note.body());
        if (!note.attachments().isEmpty()) {
            ArrayNode attachments = out.putArray("attachments");
            for (KeepNote.Attachment attachment : note.attachments()) {
                attachments.add(renderAttachment(note, attachment, json));
            }
        }
        return out;
    }

    static ObjectNode renderAttachment(KeepNote note, KeepNote.Attachment attachment, ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        out.put("name", note.name() + "/attachments/" + attachment.id());
        attachment.mimeTypes().forEach(out.putArray("mimeType")::add);
        return out;
    }

    /** A note from a seed; refuses what Google would never return, naming the problem. */
    static KeepNote seed(String owner, JsonNode in) {
        String id = in.path("id").asText(UUID.randomUUID().toString().replace("-", ""));
        String title = in.path("title").asText("");
        if (title.length() >= 1000) {
            throw GoogleApiError.invalidArgument("title must be shorter than 1,000 characters");
        }
        JsonNode body = in.path("body");
        if (body.has("text") == body.has("list")) {
            throw GoogleApiError.invalidArgument("body must hold exactly one of text or list: " + body);
        }
        Instant now = Instant.now();
        Instant created = time(in, "createTime").orElse(now);
        Optional<Instant> trashTime = time(in, "trashTime");
        if (trashTime.isEmpty() && in.path("trashed").asBoolean(false)) {
            trashTime = Optional.of(time(in, "updateTime").orElse(now));
        }
        // Trashing a note is an update, so updateTime is never before trashTime.
        Instant updated = time(in, "updateTime").orElse(trashTime.orElse(created));
        List<KeepNote.Attachment> attachments = new ArrayList<>();
        for (JsonNode a : in.path("attachments")) {
            List<String> mimeTypes = new ArrayList<>();
            a.path("mimeType").forEach(m -> mimeTypes.add(m.asText()));
            if (mimeTypes.isEmpty()) {
                throw GoogleApiError.invalidArgument("attachment needs at least one mimeType: " + a);
            }
            attachments.add(new KeepNote.Attachment(a.path("id").asText(UUID.randomUUID().toString()), List.copyOf(mimeTypes),
                    Base64.getDecoder().decode(a.path("contentBase64").asText(""))));
        }
        return new KeepNote(id, owner, title, body, created, updated, trashTime, List.copyOf(attachments));
    }

    private static Optional<Instant> time(JsonNode in, String field) {
        return in.hasNonNull(field) ? Optional.of(OffsetDateTime.parse(in.get(field).asText()).toInstant()) : Optional.empty();
    }
}
