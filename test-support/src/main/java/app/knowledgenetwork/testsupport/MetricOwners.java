package app.knowledgenetwork.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code k8s/base/monitoring/metric-owners.tsv}: each metric an alert or a dashboard panel names, and who exposes
 * it. bin/check-ops keeps the file complete; {@link ServiceMetricsContract} holds each service to its lines.
 */
public record MetricOwners(Map<String, Set<String>> ownersByMetric) {

    static final Path FILE = Path.of("k8s", "base", "monitoring", "metric-owners.tsv");

    /** Reads the file of the repository the tests run in (Maven runs them in the module's folder, one below). */
    public static MetricOwners read() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(FILE))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(FILE + " not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return parse(Files.readString(dir.resolve(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MetricOwners parse(String tsv) {
        Map<String, Set<String>> owners = new TreeMap<>();
        tsv.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(line -> {
            String[] columns = line.split("\t");
            if (columns.length != 2) {
                throw new IllegalStateException(FILE + ": expected 'metric<TAB>owner,owner', got: " + line);
            }
            owners.put(columns[0], Arrays.stream(columns[1].split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new)));
        });
        return new MetricOwners(owners);
    }

    /** The metrics {@code owner} must expose. */
    public Set<String> metricsOf(String owner) {
        return ownersByMetric.entrySet().stream()
                .filter(e -> e.getValue().contains(owner))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
