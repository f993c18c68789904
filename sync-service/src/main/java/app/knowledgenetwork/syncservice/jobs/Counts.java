package app.knowledgenetwork.syncservice.jobs;

/** Progress to add to a job's counters. */
public record Counts(int done, int created, int updated, int archived, int unchanged, int failed, int warnings) {

    public static Counts of(String outcome, int warnings) {
        return new Counts(1, is(outcome, "CREATED"), is(outcome, "UPDATED"), is(outcome, "ARCHIVED"), is(outcome, "UNCHANGED"),
                is(outcome, "FAILED"), warnings);
    }

    public Counts plus(Counts o) {
        return new Counts(done + o.done, created + o.created, updated + o.updated, archived + o.archived, unchanged + o.unchanged,
                failed + o.failed, warnings + o.warnings);
    }

    public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);

    private static int is(String outcome, String expected) {
        return outcome.equals(expected) ? 1 : 0;
    }
}
