package app.knowledgenetwork.emulators.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Iterator;
import java.util.Map;

/**
 * Test-only control of the Notion emulator: register tokens and databases, inspect pages with
 * their block trees and file uploads, read per-token traffic, queue failures, reset everything.
 */
@Path("/_emulator/notion")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotionAdminResource {

    private final NotionStore store;
    private final NotionTraffic traffic;
    private final NotionFaults faults;

    public NotionAdminResource(NotionStore store, NotionTraffic traffic, NotionFaults faults) {
        this.store = store;
        this.traffic = traffic;
        this.faults = faults;
    }

    /** {@code {"token": "...", "rate": 3, "burst": 9}}: a known integration token with its own rate limit. */
    @POST
    @Path("tokens")
    public Map<String, Object> token(JsonNode body) {
        String token = body.path("token").asText();
        store.tokens.add(token);
        traffic.configure(token, body.path("rate").asDouble(NotionTraffic.DEFAULT_RATE), body.path("burst").asDouble(NotionTraffic.DEFAULT_BURST));
        return traffic.stats(token);
    }

    /**
     * {@code {"token", "title", "properties": {"Name": "title", "Tags": "multi_select"}}}, optionally with a
     * fixed {@code "id"}; the token is registered too.
     */
    @POST
    @Path("databases")
    public JsonNode database(JsonNode body) {
        String token = body.path("token").asText();
        if (store.tokens.add(token)) {
            traffic.configure(token, NotionTraffic.DEFAULT_RATE, NotionTraffic.DEFAULT_BURST);
        }
        synchronized (store) {
            String title = body.path("title").asText("Keep notes");
            NotionStore.Database db = body.hasNonNull("id")
                    ? new NotionStore.Database(body.path("id").asText(), token, title)
                    : new NotionStore.Database(token, title);
            for (Iterator<Map.Entry<String, JsonNode>> it = body.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                db.properties.put(property.getKey(), NotionStore.propertySchema(property.getKey(), property.getValue().asText(), null));
            }
            if (db.properties.values().stream().noneMatch(p -> p.path("type").asText().equals("title"))) {
                db.properties.put("Name", NotionStore.propertySchema("Name", "title", null));
            }
            store.databases.put(db.id, db);
            return store.databaseJson(db);
        }
    }

    /** Every page of the database (archived ones too), each with its live block tree under {@code children}. */
    @GET
    @Path("databases/{id}/pages")
    public JsonNode pages(@PathParam("id") String id) {
        synchronized (store) {
            ArrayNode out = NotionStore.JSON.arrayNode();
            store.pages.values().stream().filter(p -> p.databaseId.equals(NotionStore.normalize(id))).forEach(p -> out.add(pageTree(p)));
            return out;
        }
    }

    @GET
    @Path("databases/{id}")
    public JsonNode databaseState(@PathParam("id") String id) {
        synchronized (store) {
            NotionStore.Database db = store.databases.get(NotionStore.normalize(id));
            if (db == null) {
                throw NotionError.notFound("database", id);
            }
            return store.databaseJson(db);
        }
    }

    @GET
    @Path("pages/{id}")
    public JsonNode page(@PathParam("id") String id) {
        synchronized (store) {
            return pageTree(existingPage(id));
        }
    }

    private NotionStore.Page existingPage(String id) {
        NotionStore.Page page = store.pages.get(NotionStore.normalize(id));
        if (page == null) {
            throw NotionError.notFound("page", id);
        }
        return page;
    }

    /**
     * Moves a page to the trash as a user does in Notion's UI, behind the integration's back: it stays
     * readable, leaves database queries, and refuses edits until a request restores it ({@code archived: false}).
     */
    @POST
    @Path("pages/{id}/trash")
    @Consumes(MediaType.WILDCARD)
    public JsonNode trash(@PathParam("id") String id) {
        synchronized (store) {
            NotionStore.Page page = existingPage(id);
            page.archived = true;
            page.edited = NotionStore.now();
            return store.pageJson(page);
        }
    }

    /** Deletes a page for good, as emptying Notion's trash does: every later request naming it answers 404. */
    @DELETE
    @Path("pages/{id}")
    public Map<String, Object> deleteForever(@PathParam("id") String id) {
        synchronized (store) {
            store.deleteForever(existingPage(id));
            return Map.of("deleted", NotionStore.normalize(id));
        }
    }

    @GET
    @Path("file-uploads/{id}")
    public JsonNode upload(@PathParam("id") String id) {
        synchronized (store) {
            NotionStore.FileUpload upload = store.uploads.get(id);
            if (upload == null) {
                throw NotionError.notFound("file upload", id);
            }
            ObjectNode out = NotionStore.JSON.objectNode();
            out.put("id", upload.id);
            out.put("status", upload.status);
            out.put("filename", upload.filename);
            out.put("content_type", upload.contentType);
            out.put("content_length", upload.contentLength);
            out.put("sha256", upload.sha256);
            return out;
        }
    }

    /** Requests, 429s and the most requests seen in any one-second window, for one token. */
    @GET
    @Path("tokens/{token}/stats")
    public Map<String, Object> stats(@PathParam("token") String token) {
        return traffic.stats(token);
    }

    /**
     * {@code {"status": 503, "times": 2, "delayMillis": 0, "retryAfterSeconds": 1}}: the next N API requests
     * fail so (after waiting {@code delayMillis}, having changed nothing). With {@code "takesEffect": true}
     * they are carried out first and then answered with that error, as Notion may answer 500, 503 or 504 for
     * a request that ran past its time limit yet took effect. With status 0 and a delay they are slow
     * instead: carried out as usual, their answer held back {@code delayMillis}, so a client that gives up
     * first never learns that its request took effect. {@code "request": "POST /pages"} (method and path
     * prefix under {@code /v1}) keeps the fault for the first matching requests; others pass.
     */
    @POST
    @Path("faults")
    public Map<String, Object> fault(JsonNode body) {
        int times = body.path("times").asInt(1);
        faults.add(new NotionFaults.Fault(body.path("status").asInt(0), body.path("delayMillis").asLong(0),
                body.path("retryAfterSeconds").asLong(1), body.path("request").asText(null), body.path("takesEffect").asBoolean(false)), times);
        return Map.of("queued", times);
    }

    @POST
    @Path("reset")
    public Map<String, Object> reset() {
        store.reset();
        traffic.reset();
        faults.reset();
        return Map.of("reset", true);
    }

    private ObjectNode pageTree(NotionStore.Page page) {
        ObjectNode out = store.pageJson(page);
        ArrayNode children = out.putArray("children");
        store.liveChildren(page.children).forEach(b -> children.add(store.blockTree(b)));
        return out;
    }
}
