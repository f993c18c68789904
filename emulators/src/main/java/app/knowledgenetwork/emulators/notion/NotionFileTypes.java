package app.knowledgenetwork.emulators.notion;

import java.util.Locale;
import java.util.Set;

/**
 * The content types Notion's File Upload API accepts (its "supported file types" list: audio, documents,
 * images, video). A Keep voice memo, {@code audio/3gpp}, is not among them: Notion refuses it when the
 * upload is created.
 */
final class NotionFileTypes {

    private static final Set<String> SUPPORTED = Set.of(
            // audio
            "audio/aac", "audio/midi", "audio/x-midi", "audio/mpeg", "audio/mp4", "audio/x-m4a", "audio/ogg", "audio/wav",
            "audio/x-wav", "audio/webm", "audio/x-ms-wma",
            // documents
            "application/pdf", "text/plain", "application/json", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template", "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.template", "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.template",
            // images
            "image/gif", "image/heic", "image/jpeg", "image/png", "image/svg+xml", "image/tiff", "image/webp", "image/vnd.microsoft.icon",
            "image/x-icon",
            // video
            "video/x-amv", "video/x-ms-asf", "video/x-msvideo", "video/x-f4v", "video/x-flv", "video/mp4", "video/x-matroska",
            "video/quicktime", "video/mpeg", "video/webm", "video/x-ms-wmv");

    private NotionFileTypes() {
    }

    static boolean supported(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        return SUPPORTED.contains((parameters < 0 ? type : type.substring(0, parameters)).trim());
    }
}
