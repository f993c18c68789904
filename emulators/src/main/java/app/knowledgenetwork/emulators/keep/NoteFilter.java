package app.knowledgenetwork.emulators.keep;

import app.knowledgenetwork.emulators.google.GoogleApiError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of AIP-160 that notes.list accepts: terms over {@code create_time}, {@code update_time},
 * {@code trash_time} and {@code trashed}, joined by {@code AND}. Comparisons {@code > < >= <= = !=}
 * take an RFC 3339 timestamp, quoted or not; {@code trashed}, {@code -trashed}, {@code NOT trashed}
 * and {@code trashed = true|false} select on the trash. Trashed notes are left out unless the filter
 * mentions the trash ({@code trashed} or {@code trash_time}), as Google leaves them out by default.
 */
public final class NoteFilter {

    private static final Pattern TRASHED = Pattern.compile("(-|NOT\\s+)?trashed");
    private static final Pattern COMPARISON = Pattern.compile(
            "([a-z_]+)\\s*(>=|<=|!=|>|<|=|:)\\s*(\"[^\"]*\"|\\S+)");

    private final Predicate<KeepNote> predicate;
    private final String text;

    private NoteFilter(Predicate<KeepNote> predicate, String text) {
        this.predicate = predicate;
        this.text = text;
    }

    public static NoteFilter parse(String filter) {
        String text = filter == null ? "" : filter.trim();
        List<Predicate<KeepNote>> terms = new ArrayList<>();
        boolean mentionsTrash = false;
        if (!text.isEmpty()) {
            if (Pattern.compile("\\bOR\\b|[()]").matcher(text).find()) {
                throw GoogleApiError.invalidArgument("Unsupported filter '" + text + "': only terms joined by AND are supported.");
            }
            for (String term : text.split("\\s+AND\\s+")) {
                term = term.trim();
                Matcher trashed = TRASHED.matcher(term);
                Matcher comparison = COMPARISON.matcher(term);
                if (trashed.matches()) {
                    boolean wanted = trashed.group(1) == null;
                    terms.add(note -> note.trashed() == wanted);
                    mentionsTrash = true;
                } else if (comparison.matches()) {
                    terms.add(comparison(comparison.group(1), comparison.group(2), unquote(comparison.group(3)), term));
                    mentionsTrash |= comparison.group(1).startsWith("trash");
                } else {
                    throw GoogleApiError.invalidArgument("Invalid filter term '" + term + "' in '" + text + "'.");
                }
            }
        }
        if (!mentionsTrash) {
            terms.add(note -> !note.trashed());
        }
        return new NoteFilter(terms.stream().reduce(note -> true, Predicate::and), text);
    }

    public boolean matches(KeepNote note) {
        return predicate.test(note);
    }

    public String text() {
        return text;
    }

    private static Predicate<KeepNote> comparison(String field, String op, String value, String term) {
        if (op.equals(":")) {
            throw GoogleApiError.invalidArgument("Operator ':' is not supported on '" + field + "' in '" + term + "'.");
        }
        if (field.equals("trashed")) {
            if (!value.equals("true") && !value.equals("false") || !(op.equals("=") || op.equals("!="))) {
                throw GoogleApiError.invalidArgument("'trashed' compares only with = or != to true or false: '" + term + "'.");
            }
            boolean wanted = Boolean.parseBoolean(value) == op.equals("=");
            return note -> note.trashed() == wanted;
        }
        Function<KeepNote, Optional<Instant>> time = switch (field) {
            case "create_time" -> note -> Optional.of(note.createTime());
            case "update_time" -> note -> Optional.of(note.updateTime());
            case "trash_time" -> KeepNote::trashTime;
            default -> throw GoogleApiError.invalidArgument("Unknown field '" + field + "' in filter term '" + term
                    + "'; valid fields are create_time, update_time, trash_time and trashed.");
        };
        Instant bound = timestamp(value, term);
        Predicate<Integer> accept = switch (op) {
            case ">" -> c -> c > 0;
            case "<" -> c -> c < 0;
            case ">=" -> c -> c >= 0;
            case "<=" -> c -> c <= 0;
            case "=" -> c -> c == 0;
            default -> c -> c != 0;
        };
        return note -> time.apply(note).map(t -> accept.test(t.compareTo(bound))).orElse(false);
    }

    private static Instant timestamp(String value, String term) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw GoogleApiError.invalidArgument("Invalid timestamp '" + value + "' in filter term '" + term
                    + "'; expected RFC 3339, e.g. \"2026-01-01T00:00:00Z\".");
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
