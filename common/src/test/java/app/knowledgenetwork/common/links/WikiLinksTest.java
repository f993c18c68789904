package app.knowledgenetwork.common.links;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** common's WikiLinks, which live saves derive document_link rows with (the same rules as knowledge-api's LinkExtractor). */
class WikiLinksTest {

    @Test
    void findsTitlesCaseInsensitivelyWithLabelsAndHeadingsAndIdsAnywhere() {
        UUID linked = UUID.fromString("0b7c3f5e-8a61-4c5e-9a4e-2f0d8d1e6b11");
        UUID inline = UUID.fromString("5d0f7a9c-1b2e-4f3a-8c6d-7e8f9a0b1c2d");
        var targets = WikiLinks.extract("See [[Project Plan]], [[ Roadmap |the plan]], [[Notes#today]] and [[" + linked + "]] or [x](/documents/"
                + inline + "); not [[]] nor [single].");
        assertEquals(Set.of("project plan", "roadmap", "notes"), targets.lowerCaseTitles());
        assertEquals(Set.of(linked, inline), targets.ids());
    }
}
