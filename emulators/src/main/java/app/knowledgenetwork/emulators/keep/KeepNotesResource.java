package app.knowledgenetwork.emulators.keep;

import app.knowledgenetwork.emulators.google.GoogleApiError;
import app.knowledgenetwork.emulators.google.GoogleIdentities;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Google Keep API v1 ({@code https://keep.googleapis.com/v1/...} is {@code {emulator}/keep/v1/...}):
 * notes.list, notes.get and the attachment media download, for the user the bearer token was issued
 * to (the delegated subject or the refresh token's owner).
 */
@Path("/keep/v1/notes")
@Produces(MediaType.APPLICATION_JSON)
public class KeepNotesResource {

    private static final Set<String> KEEP_SCOPES = Set.of("https://www.googleapis.com/auth/keep",
            "https://www.googleapis.com/auth/keep.readonly");

    private final KeepStore store;
    private final KeepFaults faults;
    private final GoogleIdentities identities;
    private final KeepRequestCounts counts;
    private final KeepEmulatorConfig config;
    private final ObjectMapper json;

    public KeepNotesResource(KeepStore store, KeepFaults faults, GoogleIdentities identities, KeepRequestCounts counts,
            KeepEmulatorConfig config, ObjectMapper json) {
        this.store = store;
        this.faults = faults;
        this.identities = identities;
        this.counts = counts;
        this.config = config;
        this.json = json;
    }

    /** notes.list: {@code {notes[], nextPageToken}}; an empty page has neither field, as Google's. */
    @GET
    public ObjectNode list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("pageSize") Integer pageSize,
            @QueryParam("pageToken") String pageToken, @QueryParam("filter") String filter) {
        counts.count("notes.list");
        String user = authenticate(authorization);
        faults.failIfInjected("notes.list", user);
        if (pageSize != null && pageSize < 0) {
            throw GoogleApiError.invalidArgument("page_size must not be negative.");
        }
        int size = pageSize == null || pageSize == 0 ? config.defaultPageSize() : Math.min(pageSize, config.maxPageSize());
        NoteFilter noteFilter = NoteFilter.parse(filter);
        long version = store.version(user);
        int offset = 0;
        if (pageToken != null && !pageToken.isEmpty()) {
            PageToken token = PageToken.decode(pageToken);
            if (token.filterHash() != noteFilter.text().hashCode()) {
                throw GoogleApiError.invalidArgument("The page token was issued for another filter.");
            }
            if (token.version() != version) {
                throw GoogleApiError.aborted("The notes changed while they were listed; restart the listing.");
            }
            offset = token.offset();
        }
        List<KeepNote> matching = store.notesOf(user).stream().filter(noteFilter::matches).toList();
        List<KeepNote> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + size, matching.size()));
        ObjectNode out = json.createObjectNode();
        if (!page.isEmpty()) {
            ArrayNode notes = out.putArray("notes");
            page.forEach(note -> notes.add(KeepJson.render(note, json)));
        }
        if (offset + size < matching.size()) {
            out.put("nextPageToken", new PageToken(version, offset + size, noteFilter.text().hashCode()).encode());
        }
        return out;
    }

    /** notes.get. */
    @GET
    @Path("/{id}")
    public ObjectNode get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        counts.count("notes.get");
        String user = authenticate(authorization);
        faults.failIfInjected("notes.get", user);
        return KeepJson.render(note(user, id), json);
    }

    /**
     * media.download: with {@code alt=media} the bytes in the requested {@code mimeType} (which must be
     * one of the attachment's); without it the attachment's metadata.
     */
    @GET
    @Path("/{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
            @PathParam("attachmentId") String attachmentId, @QueryParam("alt") String alt, @QueryParam("mimeType") String mimeType) {
        counts.count("media.download");
        String user = authenticate(authorization);
        faults.failIfInjected("media.download", user);
        KeepNote note = note(user, id);
        KeepNote.Attachment attachment = note.attachments().stream().filter(a -> a.id().equals(attachmentId)).findFirst()
                .orElseThrow(() -> GoogleApiError.notFound("Requested entity was not found."));
        if (!"media".equals(alt)) {
            return Response.ok(KeepJson.renderAttachment(note, attachment, json), MediaType.APPLICATION_JSON).build();
        }
        if (mimeType == null || !attachment.mimeTypes().contains(mimeType)) {
            throw GoogleApiError.invalidArgument("mimeType '" + mimeType + "' is not one of the attachment's types "
                    + attachment.mimeTypes() + ".");
        }
        return Response.ok(attachment.content(), mimeType).build();
    }

    private KeepNote note(String user, String id) {
        return store.note(user, id).orElseThrow(() -> GoogleApiError.notFound("Requested entity was not found."));
    }

    private String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw GoogleApiError.unauthenticated("Request is missing required authentication credential. Expected OAuth 2 access token, "
                    + "login cookie or other valid authentication credential.");
        }
        GoogleIdentities.AccessToken token = identities.accessToken(authorization.substring(7).trim())
                .orElseThrow(() -> GoogleApiError.invalidToken("Request had invalid authentication credentials. "
                        + "Expected OAuth 2 access token, login cookie or other valid authentication credential."));
        if (token.scopes().stream().noneMatch(KEEP_SCOPES::contains)) {
            throw GoogleApiError.permissionDenied("Request had insufficient authentication scopes.");
        }
        return token.user();
    }

    /** Opaque to clients: the collection version it was issued at, the next offset and the filter. */
    record PageToken(long version, int offset, int filterHash) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((version + ":" + offset + ":" + filterHash).getBytes(StandardCharsets.UTF_8));
        }

        static PageToken decode(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
                return new PageToken(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            } catch (RuntimeException e) {
                throw GoogleApiError.invalidArgument("Invalid page token.");
            }
        }
    }
}
