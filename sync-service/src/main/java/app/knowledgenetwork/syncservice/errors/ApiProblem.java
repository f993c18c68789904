package app.knowledgenetwork.syncservice.errors;

/**
 * A request that cannot be served, answered as RFC 9457 problem+json with a title and a detail that
 * names what is wrong.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;

    public ApiProblem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad request", detail);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "Not found", what + " does not exist or is not yours");
    }

    public static ApiProblem conflict(String title, String detail) {
        return new ApiProblem(409, title, detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
