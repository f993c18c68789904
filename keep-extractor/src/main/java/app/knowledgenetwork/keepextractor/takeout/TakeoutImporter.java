package app.knowledgenetwork.keepextractor.takeout;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.keepextractor.attachments.AttachmentStore;
import app.knowledgenetwork.keepextractor.takeout.TakeoutReportEntry.Status;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Imports a Google Takeout archive of Keep in one pass over the uploaded stream: note JSON files are
 * parsed, attachment files go straight from the zip stream to S3 (nothing touches the pod's disk), and
 * at the end each note is matched with its attachments. A note whose JSON is malformed is rejected
 * with its reason; one whose attachment is missing or unreadable is imported without that file, its
 * report line naming it. The other notes go through. Uploaded files that no imported note uses are deleted again.
 */
@ApplicationScoped
public class TakeoutImporter {

    private static final Pattern KEEP_ENTRY = Pattern.compile("(?:.*/)?Keep/([^/]+)");
    private static final int RATIO_GRACE_BYTES = 1 << 20;

    private final AttachmentStore store;
    private final TakeoutConfig limits;
    private final ObjectMapper json;

    public TakeoutImporter(AttachmentStore store, TakeoutConfig limits, ObjectMapper json) {
        this.store = store;
        this.limits = limits;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private record StoredFile(String entry, Attachment attachment) {
    }

    private record ParsedNote(String entry, String id, TakeoutNote note, String error) {
    }

    public TakeoutImport importArchive(String jobId, InputStream upload) {
        AttachmentStore.requireValidJobId(jobId);
        List<ParsedNote> parsed = new ArrayList<>();
        Map<String, StoredFile> files = new LinkedHashMap<>();
        Map<String, String> unreadableFiles = new LinkedHashMap<>();
        List<TakeoutReportEntry> report = new ArrayList<>();
        CountingInputStream raw = new CountingInputStream(upload, limits.maxArchiveBytes());
        long[] total = {0};
        int entries = 0;
        String lastEntry = null;
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                lastEntry = entry.getName();
                if (++entries > limits.maxEntries()) {
                    report.add(new TakeoutReportEntry(TakeoutReportEntry.ARCHIVE, Status.SKIPPED,
                            "the archive has more than " + limits.maxEntries() + " entries; entries from '" + entry.getName() + "' on were not read"));
                    break;
                }
                var keep = KEEP_ENTRY.matcher(entry.getName());
                boolean wanted = !entry.isDirectory() && keep.matches() && !ignored(keep.group(1));
                Optional<byte[]> bytes = read(zip, entry.getName(), raw, total, wanted);
                if (!wanted) {
                    continue;
                }
                String fileName = keep.group(1);
                if (fileName.endsWith(".json")) {
                    String id = fileName.substring(0, fileName.length() - ".json".length());
                    parsed.add(bytes.isPresent() ? parse(entry.getName(), id, bytes.get())
                            : new ParsedNote(entry.getName(), id, null, tooLarge()));
                } else if (bytes.isPresent()) {
                    String key = AttachmentStore.key(jobId, "takeout/" + entries + "-" + fileName.replaceAll("[^A-Za-z0-9._-]", "_"));
                    files.put(fileName, new StoredFile(entry.getName(), store.put(key, fileName, guessType(fileName), bytes.get())));
                } else {
                    unreadableFiles.put(fileName, tooLarge());
                    report.add(new TakeoutReportEntry(entry.getName(), Status.SKIPPED, tooLarge()));
                }
            }
        } catch (ArchiveLimitExceeded e) {
            report.add(new TakeoutReportEntry(TakeoutReportEntry.ARCHIVE, Status.SKIPPED, e.getMessage()
                    + (lastEntry == null ? "" : "; reading stopped at '" + lastEntry + "'")));
        } catch (IOException e) {
            report.add(new TakeoutReportEntry(TakeoutReportEntry.ARCHIVE, Status.SKIPPED, "the archive is corrupt"
                    + (lastEntry == null ? " or not a zip file" : " after '" + lastEntry + "'") + ": " + e.getMessage()
                    + "; the rest of it was not read"));
        }
        if (entries == 0 && report.isEmpty()) {
            report.add(new TakeoutReportEntry(TakeoutReportEntry.ARCHIVE, Status.SKIPPED, "the upload is empty or not a zip file"));
        }
        return assemble(jobId, parsed, files, unreadableFiles, report);
    }

    private TakeoutImport assemble(String jobId, List<ParsedNote> parsed, Map<String, StoredFile> files,
            Map<String, String> unreadableFiles, List<TakeoutReportEntry> report) {
        List<Note> notes = new ArrayList<>();
        Set<String> usedKeys = new HashSet<>();
        int rejected = 0;
        for (ParsedNote note : parsed) {
            List<String> problems = new ArrayList<>();
            // An attachment that is missing or unreadable costs the note that file, never its text: the note is
            // imported without it and the report line names the file (a warning on the sync's result).
            List<String> warnings = new ArrayList<>();
            List<Attachment> attachments = new ArrayList<>();
            if (note.error() != null) {
                problems.add(note.error());
            } else {
                for (TakeoutNote.FileRef ref : note.note().attachments() == null ? List.<TakeoutNote.FileRef>of() : note.note().attachments()) {
                    resolve(ref, files, unreadableFiles, warnings).ifPresent(attachments::add);
                }
            }
            Note mapped = null;
            if (problems.isEmpty()) {
                try {
                    mapped = TakeoutNoteMapper.toNote(note.id(), note.note(), attachments);
                } catch (IllegalArgumentException | NullPointerException e) {
                    problems.add("malformed note: " + e.getMessage());
                }
            }
            if (mapped != null) {
                notes.add(mapped);
                attachments.forEach(a -> usedKeys.add(a.s3Key()));
                report.add(new TakeoutReportEntry(note.entry(), Status.IMPORTED, String.join("; ", warnings)));
            } else {
                rejected++;
                report.add(new TakeoutReportEntry(note.entry(), Status.REJECTED, String.join("; ", problems)));
            }
        }
        // Files of rejected notes and stray files would only linger until the lifecycle rule.
        files.values().stream().map(f -> f.attachment().s3Key()).filter(k -> !usedKeys.contains(k)).forEach(store::delete);
        return new TakeoutImport(jobId, notes.size(), rejected, notes, report);
    }

    private static Optional<Attachment> resolve(TakeoutNote.FileRef ref, Map<String, StoredFile> files,
            Map<String, String> unreadableFiles, List<String> problems) {
        if (ref.filePath() == null || ref.filePath().isBlank()) {
            problems.add("an attachment has no filePath; the note is imported without it");
            return Optional.empty();
        }
        String name = ref.filePath().substring(ref.filePath().lastIndexOf('/') + 1);
        if (unreadableFiles.containsKey(name)) {
            problems.add("attachment '" + name + "' could not be read (" + unreadableFiles.get(name) + "); the note is imported without it");
            return Optional.empty();
        }
        StoredFile file = files.get(name);
        if (file == null) {
            // Takeout sometimes names a file .jpeg in the JSON and .jpg in the archive: accept one unambiguous match.
            String stem = stem(name);
            List<StoredFile> sameStem = files.entrySet().stream().filter(e -> stem(e.getKey()).equals(stem)).map(Map.Entry::getValue).toList();
            file = sameStem.size() == 1 ? sameStem.getFirst() : null;
        }
        if (file == null) {
            problems.add("attachment '" + name + "' is not in the archive; the note is imported without it");
            return Optional.empty();
        }
        Attachment stored = file.attachment();
        String mimeType = ref.mimetype() == null || ref.mimetype().isBlank() ? stored.mimeType() : ref.mimetype();
        return Optional.of(new Attachment(stored.fileName(), mimeType, stored.s3Key(), stored.sha256(), stored.sizeBytes()));
    }

    private ParsedNote parse(String entry, String id, byte[] bytes) {
        try {
            TakeoutNote note = json.readValue(bytes, TakeoutNote.class);
            if (note == null) {
                return new ParsedNote(entry, id, null, "malformed note: the file holds no JSON object");
            }
            return new ParsedNote(entry, id, note, null);
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return new ParsedNote(entry, id, null, "malformed JSON: " + message);
        }
    }

    /**
     * Reads an entry, keeping its bytes only when wanted and within the entry limit; every byte counts
     * toward the archive's decompression budget, and an entry that inflates far beyond its compressed
     * size stops the archive.
     */
    private Optional<byte[]> read(ZipInputStream zip, String name, CountingInputStream raw, long[] total, boolean keep) throws IOException {
        long rawStart = raw.count();
        ByteArrayOutputStream out = keep ? new ByteArrayOutputStream() : null;
        byte[] buffer = new byte[16384];
        long size = 0;
        int n;
        while ((n = zip.read(buffer)) != -1) {
            size += n;
            total[0] += n;
            if (total[0] > limits.maxTotalBytes()) {
                throw new ArchiveLimitExceeded("the archive decompresses to more than the limit of " + limits.maxTotalBytes() + " bytes");
            }
            long compressed = Math.max(1, raw.count() - rawStart);
            if (size > RATIO_GRACE_BYTES && size / compressed > limits.maxCompressionRatio()) {
                throw new ArchiveLimitExceeded("entry '" + name + "' expands more than " + limits.maxCompressionRatio()
                        + " times its compressed size (a zip bomb?)");
            }
            if (out != null) {
                if (size > limits.maxEntryBytes()) {
                    out = null;
                } else {
                    out.write(buffer, 0, n);
                }
            }
        }
        return out == null ? Optional.empty() : Optional.of(out.toByteArray());
    }

    private String tooLarge() {
        return "the entry is larger than the limit of " + limits.maxEntryBytes() + " bytes";
    }

    private static boolean ignored(String fileName) {
        // HTML duplicates of the notes and the label list carry nothing the JSON lacks.
        return fileName.endsWith(".html") || fileName.equals("Labels.txt");
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    private static String guessType(String fileName) {
        String type = URLConnection.guessContentTypeFromName(fileName);
        return type == null ? "application/octet-stream" : type;
    }
}
