package app.knowledgenetwork.notionwriter.notion;

import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * {@code NOTION_API_URL} in the one form the calls are built on: the API's base ending in {@code /v1},
 * without a trailing slash, so that {@code base + "/pages"} is {@code https://api.notion.com/v1/pages}.
 * Deployments write it with or without {@code /v1} and with or without a trailing slash (Notion's own
 * documentation names both {@code https://api.notion.com} and {@code https://api.notion.com/v1/}); every
 * form means the same base. Used as the setting's converter, so a value that is no http(s) URL stops the
 * service at start with a message naming the variable.
 */
public final class NotionApiUrl implements Converter<String> {

    private static final String VERSION_SEGMENT = "/v1";

    @Override
    public String convert(String value) {
        return normalise(value);
    }

    /** The base ending in {@code /v1}, without a trailing slash. */
    public static String normalise(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("NOTION_API_URL is empty; it must be Notion's API base, e.g. https://api.notion.com/v1/");
        }
        String base = value.trim();
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("NOTION_API_URL is not a URL: " + base, e);
        }
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("NOTION_API_URL must be an http(s) URL without query or fragment, such as "
                    + "https://api.notion.com/v1/, not " + base);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith(VERSION_SEGMENT) ? base : base + VERSION_SEGMENT;
    }
}
