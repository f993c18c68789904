package app.knowledgenetwork.keepextractor.takeout;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One note of a Keep Takeout export ({@code Takeout/Keep/*.json}), fields named as Google writes them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TakeoutNote(
        String title,
        String textContent,
        List<ListItem> listContent,
        String color,
        Boolean isPinned,
        Boolean isArchived,
        Boolean isTrashed,
        List<Label> labels,
        List<FileRef> attachments,
        List<Annotation> annotations,
        Long createdTimestampUsec,
        Long userEditedTimestampUsec) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ListItem(String text, Boolean isChecked) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Label(String name) {
    }

    /** {@code mimetype} is lower-case in Takeout. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileRef(String filePath, String mimetype) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Annotation(String description, String source, String title, String url) {
    }
}
