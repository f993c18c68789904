package app.knowledgenetwork.notionwriter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.common.notes.NoteBody;
import app.knowledgenetwork.common.notes.NoteBody.ChecklistItem;
import app.knowledgenetwork.common.notes.NoteSource;
import app.knowledgenetwork.common.notes.WebLink;
import app.knowledgenetwork.notionwriter.NotionEmulator;
import app.knowledgenetwork.notionwriter.attachments.S3AttachmentSource;
import app.knowledgenetwork.notionwriter.notion.NotionApi;
import app.knowledgenetwork.notionwriter.notion.NotionFileUploads;
import app.knowledgenetwork.notionwriter.schema.SchemaBootstrap;
import app.knowledgenetwork.notionwriter.writes.NoteWriteResult;
import app.knowledgenetwork.notionwriter.writes.NoteWriter;
import app.knowledgenetwork.notionwriter.writes.NotionWriters;
import app.knowledgenetwork.notionwriter.writes.WriteOutcome;
import app.knowledgenetwork.testsupport.EmulatorsTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.ServiceEndpoints;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * bench/notion-writer: writes the same varied notes (default 1,000) through notion-writer and through
 * the naive peer, each with its own token and its own 3 requests/s bucket, at the same time, and
 * prints requests per note and notes per minute beside the limit those imply. Runs only with
 * {@code -Dkn.bench=true} (bench/notion-writer/run.sh).
 */
@QuarkusTest
@WithTestResource(EmulatorsTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(S3TestResource.class)
@EnabledIfSystemProperty(named = "kn.bench", matches = "true")
class NotionWriterBench {

    private static final int BATCH = 100;

    @Inject
    NotionWriters writers;

    @ConfigProperty(name = "kn.s3.bucket")
    String bucket;

    @ConfigProperty(name = "kn.notion.rate-limit.requests")
    int rate;

    record Run(String name, int notes, long requests, Duration elapsed, int imageNotes, long imageRequests) {
        double requestsPerNote() {
            return (double) requests / notes;
        }

        double textRequestsPerNote() {
            return (double) (requests - imageRequests) / (notes - imageNotes);
        }

        double notesPerMinute() {
            return notes / (elapsed.toMillis() / 60000.0);
        }
    }

    @Test
    void notionWriterAgainstTheNaivePeer() throws Exception {
        int count = Integer.getInteger("kn.bench.notes", 1000);
        List<Note> notes = notes(count);
        List<Note> withImages = notes.stream().filter(n -> !n.attachments().isEmpty()).toList();
        List<Note> withoutImages = notes.stream().filter(n -> n.attachments().isEmpty()).toList();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Run> ours = pool.submit(() -> runNotionWriter(withoutImages, withImages));
        Future<Run> peer = pool.submit(() -> runPeer(withoutImages, withImages));
        Run a = ours.get();
        Run b = peer.get();
        pool.shutdown();

        StringBuilder table = new StringBuilder();
        table.append(String.format("Notion writes of %d varied notes (%d with one image), emulator at %d requests/s per token%n",
                count, withImages.size(), rate));
        table.append(String.format("%-38s %10s %12s %14s %12s %14s%n", "writer", "requests", "req/note", "req/note(text)", "notes/min",
                "limit notes/min"));
        for (Run run : List.of(a, b)) {
            table.append(String.format("%-38s %10d %12.3f %14.3f %12.1f %14.1f%n", run.name(), run.requests(), run.requestsPerNote(),
                    run.textRequestsPerNote(), run.notesPerMinute(), rate / run.requestsPerNote() * 60));
        }
        table.append("limit notes/min = rate / req/note x 60; req/note(text) = notes without images; target <= 1.1\n");
        System.out.println(table);
        Path out = Path.of("target", "bench-notion-writer.txt");
        Files.writeString(out, table.toString());
        assertEquals(count, a.notes());
    }

    private Run runNotionWriter(List<Note> text, List<Note> images) {
        String token = NotionEmulator.newToken();
        NotionEmulator.token(token, 3, 9);
        String database = NotionEmulator.database(token, Map.of("Name", "title"));
        NoteWriter writer = writers.open(token);
        Instant start = Instant.now();
        write(writer, database, text);
        long textRequests = NotionEmulator.stats(token).path("requests").asLong();
        write(writer, database, images);
        Duration elapsed = Duration.between(start, Instant.now());
        long total = NotionEmulator.stats(token).path("requests").asLong();
        writer.close();
        assertEquals(0, NotionEmulator.stats(token).path("rateLimited").asLong());
        return new Run("notion-writer (create with children)", text.size() + images.size(), total, elapsed, images.size(), total - textRequests);
    }

    private static void write(NoteWriter writer, String database, List<Note> notes) {
        for (int from = 0; from < notes.size(); from += BATCH) {
            for (NoteWriteResult result : writer.write(database, notes.subList(from, Math.min(notes.size(), from + BATCH)), Map.of())) {
                if (result.outcome() != WriteOutcome.CREATED) {
                    throw new IllegalStateException(result.toString());
                }
            }
        }
    }

    private Run runPeer(List<Note> text, List<Note> images) {
        String token = NotionEmulator.newToken();
        NotionEmulator.token(token, 3, 9);
        String database = NotionEmulator.database(token, Map.of("Name", "title"));
        NotionApi api = writers.api(token);
        S3Client s3 = S3TestResource.client(ServiceEndpoints.current());
        NaivePeer peer = new NaivePeer(api, new NotionFileUploads(api, Duration.ofSeconds(30)), new S3AttachmentSource(s3, bucket));
        Instant start = Instant.now();
        var schema = new SchemaBootstrap(api).ensure(database);
        text.forEach(note -> peer.write(schema, note));
        long textRequests = NotionEmulator.stats(token).path("requests").asLong();
        images.forEach(note -> peer.write(schema, note));
        Duration elapsed = Duration.between(start, Instant.now());
        long total = NotionEmulator.stats(token).path("requests").asLong();
        api.close();
        s3.close();
        return new Run("naive peer (create, then append)", text.size() + images.size(), total, elapsed, images.size(), total - textRequests);
    }

    /** Short and long texts, checklists (some nested, a few over 100 items), labels, links; 5 % with an image. */
    private List<Note> notes(int count) throws Exception {
        Random random = new Random(42);
        byte[] png = new byte[2048];
        random.nextBytes(png);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        String key = "bench/" + NotionEmulator.newToken() + "/image.png";
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(png));
        }
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "bench-" + i + "-" + random.nextInt(1_000_000);
            int kind = i % 20;
            NoteBody body;
            if (kind < 10) {
                body = new NoteBody.Text(words(random, 5 + random.nextInt(200)));
            } else if (kind < 13) {
                body = new NoteBody.Text(words(random, 600 + random.nextInt(900)));
            } else if (kind < 18) {
                List<ChecklistItem> items = new ArrayList<>();
                for (int j = 0; j < 3 + random.nextInt(12); j++) {
                    List<ChecklistItem> children = j % 4 == 0 ? List.of(ChecklistItem.of(words(random, 3), random.nextBoolean())) : List.of();
                    items.add(new ChecklistItem(words(random, 4), random.nextBoolean(), children));
                }
                body = new NoteBody.Checklist(items);
            } else if (kind == 18 && i % 40 == 18) {
                List<ChecklistItem> items = new ArrayList<>();
                for (int j = 0; j < 130; j++) {
                    items.add(ChecklistItem.of("item " + j, j % 3 == 0));
                }
                body = new NoteBody.Checklist(items);
            } else {
                body = new NoteBody.Text(words(random, 30));
            }
            List<Attachment> attachments = kind == 19 ? List.of(new Attachment("image.png", "image/png", key, sha, png.length)) : List.of();
            List<WebLink> links = i % 7 == 0 ? List.of(new WebLink("https://example.org/" + i, "Link " + i, "")) : List.of();
            List<String> labels = i % 3 == 0 ? List.of("bench", "label" + (i % 5)) : List.of();
            notes.add(new Note(id, i % 2 == 0 ? NoteSource.KEEP_API : NoteSource.TAKEOUT, "Note " + i, body, labels,
                    i % 4 == 0 ? Optional.of("GREEN") : Optional.empty(), i % 9 == 0, i % 11 == 0, false,
                    Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i * 3600L), Instant.parse("2026-01-01T00:00:00Z"), links, attachments));
        }
        return notes;
    }

    private static String words(Random random, int n) {
        String[] vocabulary = {"keep", "notion", "note", "idea", "milk", "travel", "plan", "book", "meeting", "call", "résumé", "日本", "😀"};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(vocabulary[random.nextInt(vocabulary.length)]).append(i % 17 == 16 ? "\n" : " ");
        }
        return out.toString().trim();
    }
}
