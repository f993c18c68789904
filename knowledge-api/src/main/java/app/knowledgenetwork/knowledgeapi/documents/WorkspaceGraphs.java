package app.knowledgenetwork.knowledgeapi.documents;

import app.knowledgenetwork.knowledgeapi.errors.BadUserInput;
import app.knowledgenetwork.knowledgeapi.workspaces.WorkspaceAccess;
import app.knowledgenetwork.knowledgeapi.workspaces.WorkspaceRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The whole workspace as one graph, for drawing it: two statements, whatever its size. Clients used to walk it with
 * one {@code graph} query per document not reached yet; a workspace of a few hundred documents took as many round
 * trips. Past {@code first} documents the best-connected ones are kept, since they carry the picture.
 */
@ApplicationScoped
public class WorkspaceGraphs {
    static final int DEFAULT_NODES = 500;
    static final int MAX_NODES = 2_000;

    private final EntityManager em;
    private final WorkspaceAccess access;

    public WorkspaceGraphs(EntityManager em, WorkspaceAccess access) {
        this.em = em;
        this.access = access;
    }

    @Transactional
    public WorkspaceGraphView graph(UUID caller, UUID workspaceId, Integer first) {
        access.require(workspaceId, caller, WorkspaceRole.VIEWER, "Workspace not found");
        int limit = first == null ? DEFAULT_NODES : first;
        if (limit < 1 || limit > MAX_NODES) {
            throw new BadUserInput("first: must be between 1 and " + MAX_NODES + ", was " + limit);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH live AS (SELECT id, title, created_at FROM document WHERE workspace_id = :ws AND trashed_at IS NULL),
                     edge AS (SELECT l.source_id, l.target_id FROM document_link l
                                JOIN live s ON s.id = l.source_id JOIN live t ON t.id = l.target_id
                               WHERE l.workspace_id = :ws),
                     degree AS (SELECT id, count(*) AS n
                                  FROM (SELECT source_id AS id FROM edge UNION ALL SELECT target_id FROM edge) ends
                                 GROUP BY id)
                SELECT live.id, live.title, coalesce(degree.n, 0), count(*) OVER ()
                  FROM live LEFT JOIN degree ON degree.id = live.id
                 ORDER BY 3 DESC, live.created_at, live.id
                 LIMIT :limit""")
                .setParameter("ws", workspaceId).setParameter("limit", limit).getResultList();
        if (rows.isEmpty()) {
            return new WorkspaceGraphView(List.of(), List.of(), 0);
        }
        List<WorkspaceGraphView.Node> nodes = new ArrayList<>(rows.size());
        List<UUID> ids = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            ids.add((UUID) r[0]);
            nodes.add(new WorkspaceGraphView.Node(r[0].toString(), (String) r[1], ((Number) r[2]).intValue()));
        }
        int documentCount = ((Number) rows.getFirst()[3]).intValue();
        @SuppressWarnings("unchecked")
        List<Object[]> links = em.createNativeQuery("""
                SELECT l.source_id, l.target_id FROM document_link l
                 WHERE l.workspace_id = :ws AND l.source_id IN (:ids) AND l.target_id IN (:ids)
                 ORDER BY l.source_id, l.target_id""")
                .setParameter("ws", workspaceId).setParameter("ids", ids).getResultList();
        List<GraphView.Edge> edges = links.stream().map(r -> new GraphView.Edge(r[0].toString(), r[1].toString())).toList();
        return new WorkspaceGraphView(nodes, edges, documentCount);
    }
}
