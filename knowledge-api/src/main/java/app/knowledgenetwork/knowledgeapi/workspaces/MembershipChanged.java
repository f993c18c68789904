package app.knowledgenetwork.knowledgeapi.workspaces;

import java.util.UUID;

/** Fired inside a transaction that adds, changes or removes members of a workspace (or deletes it). */
public record MembershipChanged(UUID workspaceId) {
}
