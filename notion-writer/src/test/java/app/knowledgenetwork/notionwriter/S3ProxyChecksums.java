package app.knowledgenetwork.notionwriter;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * S3Proxy answers 501 to the checksum headers AWS SDK 2.30+ sends by default on every PUT and GET;
 * AWS S3 itself accepts them. Checksums only when an operation requires them, for the whole test JVM.
 */
public class S3ProxyChecksums implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
        System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
        return Map.of();
    }

    @Override
    public void stop() {
        // JVM-wide and harmless for the other tests.
    }
}
