package app.knowledgenetwork.knowledgeapi.auth;

import static app.knowledgenetwork.knowledgeapi.Gql.callFrom;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Parallel;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Finding 6: the API must not let anyone test a list of addresses for who is registered. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class EmailProbesTest {
    static final String REGISTER = "mutation($e: String!) { register(email: $e, password: \"correct horse battery\", displayName: \"P\") { accessToken } }";
    static final String ADD_MEMBER = "mutation($w: ID!, $e: String!) { addMember(workspaceId: $w, email: $e, role: VIEWER) { role } }";
    /** kn.auth.email-probes.max, the same in every profile. */
    static final int CAP = 20;

    @Test
    void registeringExistingAddressesIsCappedPerClientAddressAndNewAccountsDoNotCount() {
        String prober = freshAddress();
        List<String> known = java.util.stream.IntStream.range(0, 25).mapToObj(i -> Gql.newUser("known").email()).toList();

        for (int i = 0; i < CAP; i++) {
            assertEquals("CONFLICT", errorCode(callFrom(prober, null, REGISTER, "e", known.get(i))), "probe " + i);
        }
        JsonPath refused = callFrom(prober, null, REGISTER, "e", known.get(CAP));
        assertEquals("RATE_LIMITED", errorCode(refused), refused.prettify());
        assertTrue(refused.getString("errors[0].message").contains("try again in"), "the message says when");
        // Past the cap the address learns nothing more, not even that an address is free.
        assertEquals("RATE_LIMITED", errorCode(callFrom(prober, null, REGISTER, "e", "free-" + UUID.randomUUID() + "@example.org")));

        // Another client is not affected, and creating accounts is not probing: 25 sign-ups in a row all work.
        String newcomers = freshAddress();
        for (int i = 0; i < 25; i++) {
            JsonPath created = callFrom(newcomers, null, REGISTER, "e", "new-" + UUID.randomUUID() + "@example.org");
            assertNull(created.get("errors"), created.prettify());
        }
    }

    @Test
    void parallelProbesGetNoMoreAnswersThanTheCap() throws Exception {
        String prober = freshAddress();
        String known = Gql.newUser("known").email();
        List<String> codes = Parallel.run(45, i -> errorCode(callFrom(prober, null, REGISTER, "e", known)));
        assertEquals(CAP, Collections.frequency(codes, "CONFLICT"), codes.toString());
        assertEquals(45 - CAP, Collections.frequency(codes, "RATE_LIMITED"), codes.toString());
    }

    @Test
    void addingUnregisteredAddressesAsMembersIsCappedPerCaller() {
        Gql.Session owner = Gql.newUser("owner");
        String workspace = Gql.call(owner.accessToken(), "mutation { createWorkspace(name: \"Probe\") { id } }").getString("data.createWorkspace.id");

        // Adding real people is what the mutation is for: it does not count.
        for (int i = 0; i < 25; i++) {
            JsonPath added = Gql.call(owner.accessToken(), ADD_MEMBER, "w", workspace, "e", Gql.newUser("colleague").email());
            assertNull(added.get("errors"), added.prettify());
        }
        for (int i = 0; i < CAP; i++) {
            JsonPath missing = Gql.call(owner.accessToken(), ADD_MEMBER, "w", workspace, "e", "nobody-" + i + "-" + UUID.randomUUID() + "@example.org");
            assertEquals("NOT_FOUND", errorCode(missing), "a typo is still explained: " + missing.prettify());
        }
        JsonPath refused = Gql.call(owner.accessToken(), ADD_MEMBER, "w", workspace, "e", Gql.newUser("late").email());
        assertEquals("RATE_LIMITED", errorCode(refused), refused.prettify());

        // The cap is the caller's: another owner can still add people.
        Gql.Session other = Gql.newUser("other-owner");
        String hers = Gql.call(other.accessToken(), "mutation { createWorkspace(name: \"Hers\") { id } }").getString("data.createWorkspace.id");
        assertNull(Gql.call(other.accessToken(), ADD_MEMBER, "w", hers, "e", Gql.newUser("friend").email()).get("errors"));
    }

    /** A client address no other test uses (one of 16 million). */
    private static String freshAddress() {
        int r = java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 24);
        return "10." + (r >> 16) + "." + ((r >> 8) & 255) + "." + (r & 255);
    }
}
