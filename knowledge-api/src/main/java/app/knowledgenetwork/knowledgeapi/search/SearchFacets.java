package app.knowledgenetwork.knowledgeapi.search;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("How the whole result (every page) divides by workspace, tag and author: the counts a filter on that value would give.")
public record SearchFacets(
        @NonNull @Description("Up to 50 workspaces, most hits first.") List<@NonNull SearchFacetValue> workspaces,
        @NonNull @Description("Up to 20 tags, most hits first.") List<@NonNull SearchFacetValue> tags,
        @NonNull @Description("Up to 20 authors (creators), most hits first.") List<@NonNull SearchFacetValue> authors) {

    static final SearchFacets NONE = new SearchFacets(List.of(), List.of(), List.of());

    @Description("One value of a facet: what to filter by, what to show, and how many hits have it.")
    public record SearchFacetValue(
            @NonNull @Description("The id (workspace, author) or the tag itself: pass it in a SearchFilter.") String value,
            @NonNull @Description("The workspace's name, the author's display name, or the tag.") String label,
            @NonNull @Description("Hits with this value, as counted by the search index.") int count) {
    }
}
