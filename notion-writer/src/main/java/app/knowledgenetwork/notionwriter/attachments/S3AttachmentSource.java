package app.knowledgenetwork.notionwriter.attachments;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.notionwriter.mapping.UnsupportedNoteException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Reads the attachments keep-extractor stored in S3, refusing bytes that are not the ones it hashed. */
public final class S3AttachmentSource implements AttachmentSource {

    private final S3Client s3;
    private final String bucket;

    public S3AttachmentSource(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public byte[] read(Attachment attachment) {
        byte[] bytes;
        try {
            bytes = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(attachment.s3Key()).build()).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new AttachmentGoneException("attachment " + attachment.fileName() + " is missing from S3 (" + attachment.s3Key() + ")",
                    attachment.s3Key());
        }
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(attachment.sha256())) {
            throw new UnsupportedNoteException("attachment " + attachment.fileName() + " in S3 has SHA-256 " + actual
                    + ", not the " + attachment.sha256() + " the note names");
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
