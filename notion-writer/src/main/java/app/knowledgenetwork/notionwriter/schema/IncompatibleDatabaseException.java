package app.knowledgenetwork.notionwriter.schema;

/** The database has a property of the right name but the wrong type; notes cannot be written into it. */
public class IncompatibleDatabaseException extends RuntimeException {
    public IncompatibleDatabaseException(String message) {
        super(message);
    }
}
