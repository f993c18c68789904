package app.knowledgenetwork.knowledgeapi.demo;

import app.knowledgenetwork.knowledgeapi.auth.Accounts;
import app.knowledgenetwork.knowledgeapi.auth.PlatformRole;
import app.knowledgenetwork.knowledgeapi.auth.User;
import app.knowledgenetwork.knowledgeapi.comments.Comments;
import app.knowledgenetwork.knowledgeapi.documents.DocumentInput;
import app.knowledgenetwork.knowledgeapi.documents.Documents;
import app.knowledgenetwork.knowledgeapi.mfa.Mfa;
import app.knowledgenetwork.knowledgeapi.mfa.MfaEnrollment;
import app.knowledgenetwork.knowledgeapi.mfa.Totp;
import app.knowledgenetwork.knowledgeapi.workspaces.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Seeds, once, a demo admin (ADMIN, TOTP enrolled) and a workspace of linked documents, so a newcomer can run the
 * examples of docs/graphql.md at once. Everything goes through the same services as the API, in one transaction:
 * it is all there or none of it. When the demo admin exists, nothing is changed.
 */
@ApplicationScoped
public class DemoSeeder {
    public static final String EMAIL = "admin@demo.local";
    static final String WORKSPACE = "Demo";

    /** title, parent title (or null), tags, content. Parents come before their children. */
    private record Page(String title, String parent, List<String> tags, String content) {
    }

    private static final List<Page> PAGES = List.of(
            new Page("Welcome", null, List.of("demo", "guide"), """
                    # Welcome to the demo workspace

                    This workspace shows how Knowledge Network links documents. Start with [[Knowledge Graph]], then see
                    how people work on a page together in [[Editing Together]]. To find things, see [[Search]].

                    Everything here may be changed: it is here to try things out."""),
            new Page("Knowledge Graph", "Welcome", List.of("demo", "links"), """
                    Every `[[Title]]` in a document is an edge of the workspace's graph. [[Wiki Links]] explains the
                    syntax and [[Backlinks]] the other direction. The `graph` query walks it from any document."""),
            new Page("Wiki Links", "Knowledge Graph", List.of("demo", "links"), """
                    Write `[[Title]]`, `[[Title|label]]` or `[[Title#section]]`. A link to a page that does not exist yet
                    starts working as soon as that page is created. See also [[Backlinks]]."""),
            new Page("Backlinks", "Knowledge Graph", List.of("demo", "links"), """
                    The backlinks of a document are the documents that link to it: [[Wiki Links]] and
                    [[Knowledge Graph]] both link here."""),
            new Page("Editing Together", "Welcome", List.of("demo", "collaboration"), """
                    Every change makes a new revision, see [[Revisions]]; talk about a page in [[Comments]]."""),
            new Page("Revisions", "Editing Together", List.of("demo", "collaboration"), """
                    Each save keeps a version. Pass the revision you edited as `expectedRevision`: a stale one is a
                    CONFLICT instead of a lost update. Back to [[Editing Together]]."""),
            new Page("Comments", "Editing Together", List.of("demo", "collaboration"), """
                    Threads of comments with replies, resolved when done. The [[Welcome]] page has one."""),
            new Page("Search", null, List.of("demo", "guide"), """
                    Search the whole workspace. Good places to start: [[Welcome]] and [[Knowledge Graph]]."""));

    private final EntityManager em;
    private final Accounts accounts;
    private final Mfa mfa;
    private final Workspaces workspaces;
    private final Documents documents;
    private final Comments comments;
    private final SecureRandom random = new SecureRandom();

    public DemoSeeder(EntityManager em, Accounts accounts, Mfa mfa, Workspaces workspaces, Documents documents, Comments comments) {
        this.em = em;
        this.accounts = accounts;
        this.mfa = mfa;
        this.workspaces = workspaces;
        this.documents = documents;
        this.comments = comments;
    }

    @Transactional
    public DemoSeed seed() {
        Optional<User> existing = accounts.findByEmail(EMAIL);
        if (existing.isPresent()) {
            return alreadySeeded(existing.get());
        }
        String password = newPassword();
        User admin = accounts.create(EMAIL, password, "Demo Admin", PlatformRole.ADMIN);
        MfaEnrollment enrollment = mfa.enroll(admin.id);
        long step = Instant.now().getEpochSecond() / Totp.STEP_SECONDS;
        List<String> recoveryCodes = mfa.confirm(admin.id, Totp.code(Totp.fromBase32(enrollment.secret()), step, 6)).codes();
        // The code that confirmed the enrolment was never shown to anyone, so it need not be burnt: the newcomer's
        // first code works at once instead of only from the next 30-second step.
        admin.totpLastStep = 0;

        UUID workspaceId = UUID.fromString(workspaces.create(admin.id, WORKSPACE).id());
        Map<String, UUID> ids = new HashMap<>();
        for (Page page : PAGES) {
            String parent = page.parent() == null ? null : ids.get(page.parent()).toString();
            var created = documents.create(admin.id, new DocumentInput(workspaceId.toString(), page.title(), page.content(), page.tags(), parent));
            ids.put(page.title(), UUID.fromString(created.id()));
        }
        UUID welcome = ids.get("Welcome");
        var thread = comments.add(admin.id, welcome, "Questions about the demo? Ask them in this thread.", null);
        comments.add(admin.id, welcome, "Try the examples of docs/graphql.md with the demo credentials.", UUID.fromString(thread.id()));
        return new DemoSeed(true, EMAIL, password, enrollment.secret(), enrollment.otpauthUri(), recoveryCodes, admin.id, workspaceId, PAGES.size());
    }

    private DemoSeed alreadySeeded(User admin) {
        @SuppressWarnings("unchecked")
        List<UUID> workspace = em.createNativeQuery("""
                SELECT w.id FROM workspace w JOIN workspace_member m ON m.workspace_id = w.id
                 WHERE m.user_id = ?1 AND w.name = ?2 ORDER BY w.created_at, w.id LIMIT 1""")
                .setParameter(1, admin.id).setParameter(2, WORKSPACE)
                .getResultList();
        UUID workspaceId = workspace.isEmpty() ? null : workspace.getFirst();
        int count = workspaceId == null ? 0 : ((Number) em.createNativeQuery("SELECT count(*) FROM document WHERE workspace_id = ?1")
                .setParameter(1, workspaceId).getSingleResult()).intValue();
        return new DemoSeed(false, admin.email, null, null, null, List.of(), admin.id, workspaceId, count);
    }

    private String newPassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
