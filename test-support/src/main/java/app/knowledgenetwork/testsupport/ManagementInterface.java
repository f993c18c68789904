package app.knowledgenetwork.testsupport;

import io.restassured.RestAssured;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/** URLs on the management interface (health, metrics) of the service under test, and its metrics' values. */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    public static String url(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * The value of the Prometheus series {@code name} (as {@code /q/metrics} names it, e.g. {@code kn_search_queries_total})
     * whose labels include each of {@code labels} (written as exposed, e.g. {@code result="hits"}); 0 when there is none.
     */
    public static double metric(String name, String... labels) {
        String body = RestAssured.get(url("/q/metrics")).then().statusCode(200).extract().asString();
        return body.lines()
                .filter(line -> line.startsWith(name + " ") && labels.length == 0 || line.startsWith(name + "{") && hasLabels(line.substring(name.length()), labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    /** The names of the series on {@code /q/metrics} (samples, not just declared types), as Prometheus stores them. */
    public static Set<String> seriesNames() {
        String body = RestAssured.get(url("/q/metrics")).then().statusCode(200).extract().asString();
        return body.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
    }

    private static boolean hasLabels(String braces, String... labels) {
        String inside = braces.substring(1, braces.indexOf('}'));
        return List.of(labels).stream().allMatch(inside::contains);
    }
}
