package app.knowledgenetwork.common.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The names of the versioned indices behind the alias: what a reindex builds, and how search-indexer tells an older mapping. */
class DocumentIndexTest {
    private final DocumentIndex index = DocumentIndex.of("kn-");

    @Test
    void eachBuildHasAnIndexOfItsOwnAtTheCurrentVersion() {
        Instant at = Instant.parse("2026-03-04T05:06:07.089Z");
        assertEquals("kn-documents-v" + DocumentIndex.VERSION + "-20260304050607089", index.newIndex(at));
        assertNotEquals(index.newIndex(at), index.newIndex(at.plusMillis(1)));
        assertEquals(OptionalInt.of(DocumentIndex.VERSION), index.versionOf(index.newIndex(at)));
        assertEquals(OptionalInt.of(DocumentIndex.VERSION), index.versionOf(index.index()));
    }

    @Test
    void theVersionIsReadFromTheNameOfTheAliasIndicesOnly() {
        assertEquals(OptionalInt.of(0), index.versionOf("kn-documents-v0"));
        assertEquals(OptionalInt.of(12), index.versionOf("kn-documents-v12-20260304050607089"));
        assertEquals(OptionalInt.empty(), index.versionOf("kn-documents-building"));
        assertEquals(OptionalInt.empty(), index.versionOf("kn-documents-vx"));
        assertEquals(OptionalInt.empty(), index.versionOf("other-documents-v1"), "another prefix's index");
        assertEquals(OptionalInt.empty(), index.versionOf("kn-documents-v1-restored"), "an index someone made by hand");
    }

    @Test
    void anIndexBuiltBesideTheOneInUseIsNeverBehindTheAliasYet() {
        assertThrows(IllegalArgumentException.class, () -> index.createBeside(null, "kn-documents-v1-1", "kn-documents"));
    }

    @Test
    void withoutTheAnalysisCommonModuleTheMappingNamesOnlyAnalyzersTheIndexDefines() {
        String with = DocumentIndex.mapping(true).toJsonString();
        String without = DocumentIndex.mapping(false).toJsonString();
        org.junit.jupiter.api.Assertions.assertTrue(with.contains(DocumentIndex.TITLE_PREFIXES), with);
        org.junit.jupiter.api.Assertions.assertFalse(without.contains(DocumentIndex.TITLE_PREFIXES), without);
        org.junit.jupiter.api.Assertions.assertFalse(without.contains("\"" + DocumentIndex.ENGLISH + "\""), without);
        org.junit.jupiter.api.Assertions.assertTrue(without.contains("index_prefixes"), "the suggest field still finds prefixes: " + without);
        org.junit.jupiter.api.Assertions.assertFalse(DocumentIndex.analysis(false).contains("edge_ngram"), "edge_ngram is in analysis-common");
    }
}
