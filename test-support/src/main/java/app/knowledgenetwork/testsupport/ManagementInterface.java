package app.knowledgenetwork.testsupport;

import org.eclipse.microprofile.config.ConfigProvider;

/** URLs on the management interface (health, metrics) of the service under test. */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    public static String url(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return "http://127.0.0.1:" + port + path;
    }
}
