package app.knowledgenetwork.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Publishes {@code http_server_requests_seconds} as a Prometheus histogram ({@code _bucket{le}}), which the p95
 * latency alert and panel need for {@code histogram_quantile}; by default Quarkus exposes only count, sum and max.
 * Fixed buckets rather than Micrometer's percentiles histogram: that one has about 70 buckets for every method, URI
 * and status, this one 12, dense around the alert's 1 s threshold. Quarkus applies every MeterFilter bean to its
 * registries.
 */
@Singleton
public class HttpServerLatencyBuckets implements MeterFilter {

    private static final String METER = "http.server.requests";

    private static final double[] BUCKETS_NANOS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000)
            .mapToDouble(millis -> Duration.ofMillis(millis).toNanos())
            .toArray();

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!METER.equals(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .percentilesHistogram(false)
                .serviceLevelObjectives(BUCKETS_NANOS)
                .build()
                .merge(config);
    }
}
