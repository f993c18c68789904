package app.knowledgenetwork.notionwriter.attachments;

import app.knowledgenetwork.notionwriter.mapping.UnsupportedNoteException;

/**
 * A note's attachment is no longer in S3 (the bucket's 7-day lifecycle removed it, or it was deleted after
 * an earlier write). Not the note's fault: the caller can have the note extracted again from its source.
 */
public class AttachmentGoneException extends UnsupportedNoteException {

    private final String s3Key;

    public AttachmentGoneException(String message, String s3Key) {
        super(message);
        this.s3Key = s3Key;
    }

    public String s3Key() {
        return s3Key;
    }
}
