package app.knowledgenetwork.notionwriter.attachments;

import app.knowledgenetwork.common.notes.Attachment;

/** Where attachment bytes are read from before they are uploaded to Notion. */
public interface AttachmentSource {
    /** The attachment's bytes, checked against its SHA-256. */
    byte[] read(Attachment attachment);
}
