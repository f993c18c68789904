package app.knowledgenetwork.knowledgeapi;

import app.knowledgenetwork.knowledgeapi.errors.NotFound;
import java.util.UUID;

/** Ids arrive as GraphQL IDs; one that is not even a UUID cannot name anything that exists. */
public final class Ids {
    private Ids() {
    }

    public static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (RuntimeException e) {
            throw new NotFound(what + " not found");
        }
    }
}
