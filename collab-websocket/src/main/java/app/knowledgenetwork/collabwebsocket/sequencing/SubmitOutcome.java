package app.knowledgenetwork.collabwebsocket.sequencing;

/** What Redis said to a submit: which of the outcomes, and the version it concerns. */
public record SubmitOutcome(Kind kind, long version) {
    public enum Kind {
        /** Sequenced as {@code version}. */
        SEQUENCED,
        /** This source had already sent this seq (or a later one): the latest of them was sequenced as {@code version}. */
        DUPLICATE,
        /** The document had moved on to {@code version}: transform over what came since and try again. */
        STALE,
        /** The live state is gone or has another epoch: load it again. */
        GONE
    }
}
