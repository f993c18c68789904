package app.knowledgenetwork.knowledgeapi.graphql;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Aliased fields of an operation, fragments included. An alias is how one request asks for the same expensive field
 * many times over ({@code a: graph(...) b: graph(...) ...}); the weights price each copy, this bounds their number.
 */
final class Aliases {
    private Aliases() {
    }

    static int count(SelectionSet selections, Map<String, FragmentDefinition> fragments) {
        return count(selections, fragments, new HashSet<>());
    }

    private static int count(SelectionSet selections, Map<String, FragmentDefinition> fragments, Set<String> entered) {
        if (selections == null) {
            return 0;
        }
        int n = 0;
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                n += (field.getAlias() != null ? 1 : 0) + count(field.getSelectionSet(), fragments, entered);
            } else if (selection instanceof InlineFragment inline) {
                n += count(inline.getSelectionSet(), fragments, entered);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                // Each spread counts its fragment's aliases again: that is how many times they run.
                if (fragment != null && entered.add(spread.getName())) {
                    n += count(fragment.getSelectionSet(), fragments, entered);
                    entered.remove(spread.getName());
                }
            }
        }
        return n;
    }
}
