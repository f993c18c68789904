package app.knowledgenetwork.knowledgeapi.admin;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a reindex asked for with startSearchReindex stands.")
public enum SearchReindexState {
    @Description("Written; no search-indexer replica has picked it up yet (they look every 2 seconds).")
    REQUESTED,
    @Description("A replica builds the new index from PostgreSQL; searches still use the old one.")
    BUILDING,
    @Description("Built: searches use the new index (the alias moved in one step).")
    SWITCHED,
    @Description("Not built; the alias did not move. 'error' says why.")
    FAILED
}
