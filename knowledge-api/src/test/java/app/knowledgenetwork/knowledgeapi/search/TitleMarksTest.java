package app.knowledgenetwork.knowledgeapi.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Suggestions mark the typed words themselves (no highlight asked of OpenSearch): as its highlighter did, and HTML-safe. */
class TitleMarksTest {
    @Test
    void wordsBeginningWithATypedWordAreMarkedWholeIgnoringCaseAndAccents() {
        assertEquals("<em>Running</em> the <em>Café</em>", TitleMarks.of("runni cafe").mark("Running the Café"));
        assertEquals("<em>Documentation</em> guidelines", TitleMarks.of("Documenta").mark("Documentation guidelines"));
        assertEquals("<em>Quantum</em> <em>walks</em>", TitleMarks.of("walks quan").mark("Quantum walks"));
        assertEquals("Graph theory", TitleMarks.of("walk").mark("Graph theory"), "nothing typed begins a word: nothing marked");
    }

    @Test
    void theTitleIsEscapedAndOnlyTheMarkersAreMarkup() {
        assertEquals("<em>R</em>&amp;D &lt;script&gt;<em>alert</em>(&#x27;x&#x27;)&lt;/script&gt;",
                TitleMarks.of("r al").mark("R&D <script>alert('x')</script>"));
        assertEquals("&lt;<em>b</em>&gt;", TitleMarks.of("<b").mark("<b>"), "the word is marked, the brackets around it escaped");
    }
}
