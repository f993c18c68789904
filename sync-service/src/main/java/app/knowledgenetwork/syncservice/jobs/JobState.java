package app.knowledgenetwork.syncservice.jobs;

/** PENDING → EXTRACTING → WRITING → one of the four final states. */
public enum JobState {
    PENDING, EXTRACTING, WRITING, SUCCEEDED, PARTIALLY_FAILED, FAILED, CANCELLED;

    public boolean finished() {
        return ordinal() >= SUCCEEDED.ordinal();
    }
}
