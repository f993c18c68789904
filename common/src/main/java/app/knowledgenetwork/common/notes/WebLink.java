package app.knowledgenetwork.common.notes;

import java.util.Objects;

/** A web link annotation of a note (Takeout's {@code annotations} of source WEBLINK). */
public record WebLink(String url, String title, String description) {
    public WebLink {
        Objects.requireNonNull(url, "url");
        title = title == null ? "" : title;
        description = description == null ? "" : description;
    }
}
