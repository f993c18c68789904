package app.knowledgenetwork.knowledgeapi.workspaces;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.documents.DocumentTest;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who is a platform admin is told to nobody but that user: a workspace owner sees members and authors without a
 * role, so no cached document carries one that an admin may since have changed.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class PlatformRolePrivacyTest {
    @Inject
    EntityManager em;

    @Test
    void ownersSeeNoPlatformRoleOfTheirMembersOrAuthors() {
        Gql.Session owner = Gql.newUser("curious-owner");
        Gql.Session admin = Gql.newUser("quiet-admin");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE app_user SET platform_role = 'ADMIN' WHERE id = ?1")
                .setParameter(1, UUID.fromString(admin.userId())).executeUpdate());
        String ws = DocumentTest.workspace(owner);
        DocumentTest.addMember(owner, ws, admin, "EDITOR");
        String doc = DocumentTest.createId(admin, ws, "Written by an admin", "");

        JsonPath members = call(owner.accessToken(), "query($w: ID!) { workspace(id: $w) { members { user { id platformRole mfaEnabled } } } }", "w", ws);
        assertNull(members.get("errors"), members.prettify());
        assertEquals(2, members.getList("data.workspace.members").size());
        members.getList("data.workspace.members.user.platformRole").forEach(role -> assertNull(role, members.prettify()));
        members.getList("data.workspace.members.user.mfaEnabled").forEach(mfa -> assertNull(mfa, members.prettify()));

        JsonPath read = call(owner.accessToken(), "query($id: ID!) { document(id: $id) { author { id platformRole } } }", "id", doc);
        assertEquals(admin.userId(), read.getString("data.document.author.id"));
        assertNull(read.get("data.document.author.platformRole"), read.prettify());

        assertEquals("ADMIN", call(admin.accessToken(), "{ me { platformRole } }").getString("data.me.platformRole"));
    }
}
