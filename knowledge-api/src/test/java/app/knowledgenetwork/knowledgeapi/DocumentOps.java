package app.knowledgenetwork.knowledgeapi;

/** GraphQL operations on documents shared by tests outside the documents package. */
public final class DocumentOps {
    public static final String FIELDS = "id title content tags revision status parentId author { id } updatedBy { id }";
    public static final String GET = "query($id: ID!) { document(id: $id) { " + FIELDS + " } }";
    public static final String UPDATE = "mutation($id: ID!, $rev: Int!, $ch: DocumentChanges!) { updateDocument(id: $id, expectedRevision: $rev, changes: $ch) { "
            + FIELDS + " } }";

    private DocumentOps() {
    }
}
