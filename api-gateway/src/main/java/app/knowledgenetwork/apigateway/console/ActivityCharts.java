package app.knowledgenetwork.apigateway.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's charts, drawn on the server as SVG (no script, nothing from another origin): jobs started
 * per hour over the last 24 hours and notes synced (created, updated or archived in Notion) per day over the
 * last 14 days, counted from the recent jobs of every connection. Times are UTC.
 */
public final class ActivityCharts {

    /** One bar: its label and value. */
    public record Bar(String label, int value) {
    }

    /** A chart: its bars and the SVG drawing them. */
    public record Chart(String title, List<Bar> bars, String svg) {
        public int total() {
            return bars.stream().mapToInt(Bar::value).sum();
        }
    }

    private ActivityCharts() {
    }

    public static Chart jobsPerHour(List<SyncServiceApi.JobRow> jobs, Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        int[] counts = new int[24];
        for (SyncServiceApi.JobRow job : jobs) {
            Instant at = parse(job.createdAt());
            if (at != null && !at.isBefore(end.minus(24, ChronoUnit.HOURS)) && at.isBefore(end)) {
                counts[23 - (int) ChronoUnit.HOURS.between(at.truncatedTo(ChronoUnit.HOURS), end.minus(1, ChronoUnit.HOURS))]++;
            }
        }
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int hour = end.minus(24 - i, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC).getHour();
            bars.add(new Bar(String.format("%02d:00", hour), counts[i]));
        }
        return chart("Jobs per hour, last 24 hours (UTC)", bars, 6);
    }

    public static Chart notesPerDay(List<SyncServiceApi.JobRow> jobs, Instant now) {
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        int[] counts = new int[14];
        for (SyncServiceApi.JobRow job : jobs) {
            Instant at = parse(job.finishedAt());
            if (at == null) {
                continue;
            }
            long daysAgo = ChronoUnit.DAYS.between(at.atOffset(ZoneOffset.UTC).toLocalDate(), today);
            if (daysAgo >= 0 && daysAgo < 14) {
                counts[13 - (int) daysAgo] += job.created() + job.updated() + job.archived();
            }
        }
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            LocalDate day = today.minusDays(13 - i);
            bars.add(new Bar(day.getMonthValue() + "/" + day.getDayOfMonth(), counts[i]));
        }
        return chart("Notes synced per day, last 14 days (UTC)", bars, 2);
    }

    private static Chart chart(String title, List<Bar> bars, int labelEvery) {
        int width = 640;
        int height = 180;
        int top = 14;
        int bottom = 24;
        int left = 34;
        int max = Math.max(1, bars.stream().mapToInt(Bar::value).max().orElse(0));
        double slot = (width - left) / (double) bars.size();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\"><title>").append(escape(title)).append("</title>");
        int base = height - bottom;
        svg.append("<line x1=\"").append(left).append("\" y1=\"").append(base).append("\" x2=\"").append(width)
                .append("\" y2=\"").append(base).append("\" stroke=\"#666\"/>");
        svg.append("<text x=\"").append(left - 4).append("\" y=\"").append(top + 4).append("\" text-anchor=\"end\" font-size=\"11\">")
                .append(max).append("</text>");
        svg.append("<text x=\"").append(left - 4).append("\" y=\"").append(base).append("\" text-anchor=\"end\" font-size=\"11\">0</text>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double h = (base - top) * bar.value() / (double) max;
            double x = left + i * slot + slot * 0.15;
            svg.append(String.format(java.util.Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2f6db5\"><title>%s: %d</title></rect>",
                    x, base - h, slot * 0.7, h, escape(bar.label()), bar.value()));
            if (i % labelEvery == 0) {
                svg.append(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%s</text>",
                        x + slot * 0.35, height - 8, escape(bar.label())));
            }
        }
        svg.append("</svg>");
        return new Chart(title, List.copyOf(bars), svg.toString());
    }

    private static Instant parse(String time) {
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
