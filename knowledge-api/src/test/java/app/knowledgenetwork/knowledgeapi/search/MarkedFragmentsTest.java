package app.knowledgenetwork.knowledgeapi.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A field's English and as-written highlights shown as one: every word found either way marked, no passage twice. */
class MarkedFragmentsTest {

    @Test
    void aPassageFoundBothWaysCarriesTheMarksOfBoth() {
        assertEquals("<em>Deployment</em> <em>runbook</em>",
                MarkedFragments.union("<em>Deployment</em> runbook", "Deployment <em>runbook</em>"));
        assertEquals("<em>Running</em> late &amp; <em>runs</em>", MarkedFragments.union("<em>Running</em> late &amp; runs", "Running late &amp; <em>runs</em>"));
        assertEquals(List.of("<em>Deployment</em> <em>runbook</em>"),
                MarkedFragments.merge(List.of("<em>Deployment</em> runbook"), List.of("<em>Deployment</em> <em>runbook</em>"), 1));
    }

    @Test
    void passagesFoundOnlyAsWrittenFollowUpToTheLimit() {
        List<String> english = List.of("How we <em>deploy</em>.", "Two <em>deploys</em> a day.");
        List<String> asWritten = List.of("A <em>configuration</em> file.", "How we <em>deploy</em>.", "The <em>configured</em> host.");
        assertEquals(List.of("How we <em>deploy</em>.", "Two <em>deploys</em> a day.", "A <em>configuration</em> file."),
                MarkedFragments.merge(english, asWritten, 3));
        assertEquals(List.of("A <em>configuration</em> file."), MarkedFragments.merge(List.of(), List.of("A <em>configuration</em> file."), 1));
        assertEquals(List.of(), MarkedFragments.merge(List.of(), List.of(), 1));
    }
}
