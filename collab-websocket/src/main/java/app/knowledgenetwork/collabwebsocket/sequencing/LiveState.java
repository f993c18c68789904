package app.knowledgenetwork.collabwebsocket.sequencing;

import java.util.List;

/**
 * A document's live state as Redis holds it: the epoch (new whenever the state is created from PostgreSQL), the next
 * version, the oldest version the log still has, the saved snapshot (its version, its text if asked for, the
 * document revision it was saved as), and the operations asked for.
 */
public record LiveState(String epoch, long version, long logBase, long snapshotVersion, String snapshotText, long revision,
                        List<SequencedOp> operations) {

    /** Whether {@link #snapshotText} is set and {@link #operations} start at the snapshot rather than at the version asked for. */
    public boolean fromSnapshot() {
        return snapshotText != null;
    }
}
