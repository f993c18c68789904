package app.knowledgenetwork.knowledgeapi.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The search box's syntax, as web search engines read it: quoted phrases, minus to exclude, the rest free words. */
class SearchTextTest {

    @Test
    void quotedPhrasesAndExcludedWordsAreTakenOutOfTheFreeWords() {
        assertEquals(new SearchText("deploy guide", List.of("release train"), List.of("draft", "old notes")),
                SearchText.parse("deploy \"release train\" -draft guide -\"old notes\""));
        assertEquals(new SearchText("graph layouts", List.of(), List.of()), SearchText.parse("  graph   layouts "));
    }

    @Test
    void aHyphenInsideAWordOrStandingAloneExcludesNothing() {
        assertEquals(new SearchText("e-mail setup", List.of(), List.of()), SearchText.parse("e-mail - setup"));
        assertEquals(new SearchText("well-known", List.of(), List.of()), SearchText.parse("well-known"));
    }

    @Test
    void anUnclosedQuoteRunsToTheEndAndEmptyQuotesAreIgnored() {
        assertEquals(new SearchText("notes", List.of("quantum walks"), List.of()), SearchText.parse("notes \"quantum walks"));
        assertEquals(new SearchText("notes", List.of(), List.of()), SearchText.parse("notes \"\" \"  \""));
        assertEquals(new SearchText("a", List.of("b"), List.of()), SearchText.parse("a\"b\""));
    }

    @Test
    void typographicQuotesAreQuotesToo() {
        assertEquals(new SearchText("notes", List.of("release train", "old notes"), List.of("draft plan")),
                SearchText.parse("“release train” notes „old notes“ -“draft plan”"));
    }

    @Test
    void aSuggestionCompletesWhatIsLookedForInTheOrderTyped() {
        assertEquals("release", SearchText.lookedFor("release -dr"));
        assertEquals("release train dr", SearchText.lookedFor("\"release train\" dr"));
        assertEquals("release tr", SearchText.lookedFor("\"release tr"));
        assertEquals("", SearchText.lookedFor("-draft"));
    }

    @Test
    void excludedWordsAloneLookForNothing() {
        assertFalse(SearchText.parse("-draft -\"old notes\"").looksForSomething());
        assertTrue(SearchText.parse("\"old notes\"").looksForSomething());
        assertTrue(SearchText.parse("notes -draft").looksForSomething());
    }
}
