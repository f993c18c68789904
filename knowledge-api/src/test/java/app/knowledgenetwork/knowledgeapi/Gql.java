package app.knowledgenetwork.knowledgeapi;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Posts GraphQL operations to the running service, as any client would. */
public final class Gql {
    private Gql() {
    }

    /**
     * The status of a POST /graphql whose body is over the size limit, sent as a client that wants the answer sends
     * it: announced with {@code Expect: 100-continue}, so the server refuses on the headers. Written out regardless,
     * the body may meet the connection the server closed after its 413 (a broken pipe instead of the answer).
     */
    public static int statusOfOversizedPost(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/graphql"))
                .expectContinue(true).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    public static JsonPath call(String token, String query, Object... variables) {
        return callFrom(null, token, query, variables);
    }

    /** As {@link #call}, sent by the load balancer (loopback is trusted in tests) on behalf of the client at {@code forwardedFor}. */
    public static JsonPath callFrom(String forwardedFor, String token, String query, Object... variables) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        RequestSpecification request = given().contentType(ContentType.JSON);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        if (forwardedFor != null) {
            request = request.header("X-Forwarded-For", forwardedFor);
        }
        return request.body(Map.of("query", query, "variables", vars))
                .post("/graphql")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    /** The extensions.code of the first error, or null. */
    public static String errorCode(JsonPath response) {
        return response.getString("errors[0].extensions.code");
    }

    public record Session(String accessToken, String refreshToken, String userId, String email) {
    }

    public static Session newUser(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        JsonPath r = call(null, """
                mutation($e: String!, $p: String!, $n: String!) {
                  register(email: $e, password: $p, displayName: $n) { accessToken refreshToken user { id email } }
                }""", "e", email, "p", "correct horse battery", "n", name);
        if (r.get("errors") != null) {
            throw new AssertionError("register failed: " + r.prettify());
        }
        return new Session(r.getString("data.register.accessToken"), r.getString("data.register.refreshToken"),
                r.getString("data.register.user.id"), r.getString("data.register.user.email"));
    }
}
