package app.knowledgenetwork.apigateway.console;

import app.knowledgenetwork.apigateway.console.ConsoleSessions.Session;
import app.knowledgenetwork.apigateway.console.ConsoleSessions.SignIn;
import app.knowledgenetwork.apigateway.console.KnowledgeApiIdentity.Refused;
import app.knowledgenetwork.apigateway.edge.ClientRequest;
import app.knowledgenetwork.apigateway.health.HealthAggregate;
import app.knowledgenetwork.apigateway.health.HealthReport;
import app.knowledgenetwork.apigateway.maintenance.MaintenanceMode;
import app.knowledgenetwork.apigateway.maintenance.MaintenanceState;
import app.knowledgenetwork.apigateway.oauth.ConnectFlows;
import app.knowledgenetwork.apigateway.oauth.GoogleOAuth;
import app.knowledgenetwork.apigateway.oauth.GoogleConnectStart;
import app.knowledgenetwork.apigateway.oauth.OAuthCallback;
import io.vertx.core.json.JsonObject;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The admin console, server-rendered: sign-in with knowledge-api's identity (password, then TOTP; platform
 * ADMIN only), a dashboard with every service's health and the maintenance switch, and the user list.
 * The session cookie is HttpOnly, Secure, SameSite=Strict and scoped to /admin; every form carries a CSRF
 * token that must match the one kept with the sign-in or session.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private static final Logger LOG = Logger.getLogger(ConsoleResource.class);
    static final String SESSION_COOKIE = "kn_admin_session";
    static final String SIGN_IN_COOKIE = "kn_admin_signin";
    /** How often a jobs page with a queued or running job reloads (a bounded poll, no script). */
    static final int LIVE_REFRESH_SECONDS = 3;

    public record ServiceRow(String name, String status) {
    }

    /** The new-connection form as the admin filled it (tokens never echoed back). */
    public record NewConnection(String name, String credentials, String keepSubject, String notionDatabaseId,
                                String scheduleMinutes) {
        static final NewConnection EMPTY = new NewConnection("", "GOOGLE", "", "", "60");
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String csrf, String error);

        static native TemplateInstance mfa(String csrf, String error);

        static native TemplateInstance refused(String title, String message);

        static native TemplateInstance dashboard(String email, String csrf, String status, List<ServiceRow> services,
                                                 MaintenanceState maintenance, List<ActivityCharts.Chart> charts,
                                                 String chartsError);

        static native TemplateInstance connections(String email, String csrf, List<SyncServiceApi.ConnectionRow> connections,
                                                   String error, String notice, NewConnection form);

        static native TemplateInstance jobs(String email, String csrf, String connectionId, List<SyncServiceApi.JobRow> jobs,
                                            String error, int refreshSeconds);

        static native TemplateInstance notes(String email, String csrf, String jobId, List<SyncServiceApi.NoteRow> notes,
                                             String error);

        static native TemplateInstance users(String email, String csrf, List<KnowledgeApiIdentity.UserAccount> users,
                                             String next, String error);
    }

    private final ConsoleSessions sessions;
    private final KnowledgeApiIdentity identity;
    private final HealthAggregate health;
    private final MaintenanceMode maintenance;
    private final CurrentVertxRequest current;
    private final SyncServiceApi sync;
    private final SessionRefresh refresh;
    private final GoogleOAuth google;
    private final ConnectFlows flows;

    public ConsoleResource(ConsoleSessions sessions, KnowledgeApiIdentity identity, HealthAggregate health,
                           MaintenanceMode maintenance, CurrentVertxRequest current, SyncServiceApi sync,
                           SessionRefresh refresh, GoogleOAuth google, ConnectFlows flows) {
        this.sync = sync;
        this.refresh = refresh;
        this.google = google;
        this.flows = flows;
        this.sessions = sessions;
        this.identity = identity;
        this.health = health;
        this.maintenance = maintenance;
        this.current = current;
    }

    // --- sign-in ---------------------------------------------------------------------------------------

    /** The sign-in form (email and password). */
    @GET
    @Path("/login")
    public Response loginForm() {
        String id = sessions.newId();
        SignIn signIn = new SignIn(sessions.newId(), null);
        sessions.saveSignIn(id, signIn);
        return html(200, Templates.login(signIn.csrf(), null)).cookie(cookie(SIGN_IN_COOKIE, id, ConsoleSessions.SIGN_IN_TTL.toSeconds())).build();
    }

    /** Checks email and password with knowledge-api; an admin account continues with its TOTP code. */
    @POST
    @Path("/login")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@CookieParam(SIGN_IN_COOKIE) String signInId, @FormParam("csrf") String csrf,
                          @FormParam("email") String email, @FormParam("password") String password) {
        Optional<SignIn> signIn = sessions.signIn(signInId);
        if (signIn.isEmpty() || !ConsoleSessions.sameToken(signIn.get().csrf(), csrf)) {
            return csrfRefused();
        }
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            return html(400, Templates.login(signIn.get().csrf(), "Enter your email and password.")).build();
        }
        KnowledgeApiIdentity.Login login;
        try {
            login = identity.login(email.strip(), password, clientAddress());
        } catch (Refused refused) {
            return html(statusOf(refused), Templates.login(signIn.get().csrf(), messageOf(refused))).build();
        }
        if (login.mfaChallenge() == null) {
            // Platform admins must use a second factor; a session without one never opens the console.
            return html(403, Templates.refused("MFA required",
                    "The console is for platform admins signed in with two-step verification. Enable it for this account first.")).build();
        }
        sessions.saveSignIn(signInId, new SignIn(signIn.get().csrf(), login.mfaChallenge()));
        return Response.seeOther(URI.create("/admin/login/mfa")).build();
    }

    /** The second step: the TOTP (or recovery) code. */
    @GET
    @Path("/login/mfa")
    public Response mfaForm(@CookieParam(SIGN_IN_COOKIE) String signInId) {
        Optional<SignIn> signIn = sessions.signIn(signInId);
        if (signIn.isEmpty() || signIn.get().mfaChallenge() == null) {
            return Response.seeOther(URI.create("/admin/login")).build();
        }
        return html(200, Templates.mfa(signIn.get().csrf(), null)).build();
    }

    @POST
    @Path("/login/mfa")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response mfa(@CookieParam(SIGN_IN_COOKIE) String signInId, @FormParam("csrf") String csrf,
                        @FormParam("code") String code) {
        Optional<SignIn> signIn = sessions.signIn(signInId);
        if (signIn.isEmpty() || !ConsoleSessions.sameToken(signIn.get().csrf(), csrf)) {
            return csrfRefused();
        }
        if (signIn.get().mfaChallenge() == null) {
            return Response.seeOther(URI.create("/admin/login")).build();
        }
        KnowledgeApiIdentity.Session session;
        try {
            session = identity.verifyMfa(signIn.get().mfaChallenge(), code == null ? "" : code.strip(), clientAddress());
        } catch (Refused refused) {
            if ("UNAUTHENTICATED".equals(refused.code()) && refused.getMessage().toLowerCase().contains("challenge")) {
                sessions.endSignIn(signInId);
                return Response.seeOther(URI.create("/admin/login")).build();
            }
            return html(statusOf(refused), Templates.mfa(signIn.get().csrf(), messageOf(refused))).build();
        }
        sessions.endSignIn(signInId);
        if (!"ADMIN".equals(session.platformRole())) {
            safeLogout(session.refreshToken());
            return html(403, Templates.refused("Admins only", "The console is for platform admins only.")).build();
        }
        String id = sessions.newId();
        sessions.save(id, new Session(session.userId(), session.email(), sessions.newId(), session.accessToken(),
                Instant.now().plusSeconds(session.expiresIn()), session.refreshToken()));
        LOG.infof("console sign-in of admin %s", session.userId());
        return Response.seeOther(URI.create("/admin/"))
                .cookie(cookie(SESSION_COOKIE, id, ConsoleSessions.SESSION_TTL.toSeconds()), expired(SIGN_IN_COOKIE))
                .build();
    }

    @POST
    @Path("/logout")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@CookieParam(SESSION_COOKIE) String sessionId, @FormParam("csrf") String csrf) {
        Optional<Session> session = sessions.session(sessionId);
        if (session.isEmpty()) {
            return toLogin();
        }
        if (!ConsoleSessions.sameToken(session.get().csrf(), csrf)) {
            return csrfRefused();
        }
        sessions.end(sessionId);
        safeLogout(session.get().refreshToken());
        return Response.seeOther(URI.create("/admin/login")).cookie(expired(SESSION_COOKIE)).build();
    }

    // --- pages -------------------------------------------------------------------------------------------

    /** The dashboard: every service's health and the maintenance switch. */
    @GET
    @Path("/")
    public Response dashboard(@CookieParam(SESSION_COOKIE) String sessionId) throws Exception {
        Optional<Session> session = sessions.session(sessionId);
        if (session.isEmpty()) {
            return toLogin();
        }
        HealthReport report = health.check().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<ServiceRow> rows = report.services().entrySet().stream().map(e -> new ServiceRow(e.getKey(), e.getValue())).toList();
        List<ActivityCharts.Chart> charts = List.of();
        String chartsError = null;
        Optional<Session> fresh = fresh(sessionId, session.get());
        if (fresh.isEmpty()) {
            return toLogin();
        }
        try {
            List<SyncServiceApi.JobRow> jobs = sync.recentJobs(fresh.get().accessToken());
            Instant now = Instant.now();
            charts = List.of(ActivityCharts.jobsPerHour(jobs, now), ActivityCharts.notesPerDay(jobs, now));
        } catch (Refused refused) {
            chartsError = "Charts unavailable: " + refused.getMessage();
        }
        return html(200, Templates.dashboard(session.get().email(), session.get().csrf(), report.status().json(), rows,
                maintenance.current().orElse(null), charts, chartsError)).build();
    }

    /** Switches maintenance mode on or off for every replica. */
    @POST
    @Path("/maintenance")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response maintenance(@CookieParam(SESSION_COOKIE) String sessionId, @FormParam("csrf") String csrf,
                                @FormParam("action") String action, @FormParam("message") String message,
                                @FormParam("retryAfterMinutes") Integer retryAfterMinutes) {
        Optional<Session> session = sessions.session(sessionId);
        if (session.isEmpty()) {
            return toLogin();
        }
        if (!ConsoleSessions.sameToken(session.get().csrf(), csrf)) {
            return csrfRefused();
        }
        if ("on".equals(action)) {
            int minutes = retryAfterMinutes == null ? 5 : Math.max(1, Math.min(retryAfterMinutes, 1440));
            maintenance.enable(message, minutes * 60, session.get().userId());
        } else if ("off".equals(action)) {
            maintenance.disable(session.get().userId());
        } else {
            return html(400, Templates.refused("Unknown action", "The maintenance switch takes 'on' or 'off'.")).build();
        }
        return Response.seeOther(URI.create("/admin/")).build();
    }

    /** The users, through knowledge-api's admin operations. */
    @GET
    @Path("/users")
    public Response users(@CookieParam(SESSION_COOKIE) String sessionId, @QueryParam("after") String after) {
        Checked checked = checked(sessionId, false, null);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Session session = checked.session();
        try {
            KnowledgeApiIdentity.UserPage page = identity.users(session.accessToken(), after, clientAddress());
            return html(200, Templates.users(session.email(), session.csrf(), page.users(),
                    page.hasNextPage() ? page.endCursor() : null, null)).build();
        } catch (Refused refused) {
            return html(statusOf(refused), Templates.users(session.email(), session.csrf(), List.of(), null,
                    messageOf(refused))).build();
        }
    }

    /** Disables, enables, unlocks MFA of, or sets the platform role of an account (knowledge-api's admin operations). */
    @POST
    @Path("/users/{id}/{action}")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response userAction(@CookieParam(SESSION_COOKIE) String sessionId, @FormParam("csrf") String csrf,
                               @jakarta.ws.rs.PathParam("id") String userId, @jakarta.ws.rs.PathParam("action") String action) {
        Checked checked = checked(sessionId, true, csrf);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Optional<KnowledgeApiIdentity.UserAction> known = KnowledgeApiIdentity.UserAction.of(action);
        if (known.isEmpty()) {
            return html(404, Templates.refused("Unknown action", "No user action named " + action + ".")).build();
        }
        Session session = checked.session();
        try {
            identity.userAction(session.accessToken(), userId, known.get(), clientAddress());
        } catch (Refused refused) {
            return html(statusOf(refused), Templates.users(session.email(), session.csrf(), List.of(), null,
                    messageOf(refused))).build();
        }
        LOG.infof("console: admin %s did %s on user %s", session.userId(), known.get(), userId);
        return Response.seeOther(URI.create("/admin/users")).build();
    }

    /** Keep→Notion connections (sync-service), each with "sync now" and "full resync". */
    @GET
    @Path("/connections")
    public Response connections(@CookieParam(SESSION_COOKIE) String sessionId, @QueryParam("created") String created) {
        Optional<Session> session = sessions.session(sessionId).flatMap(s -> fresh(sessionId, s));
        if (session.isEmpty()) {
            return toLogin();
        }
        try {
            return html(200, Templates.connections(session.get().email(), session.get().csrf(),
                    sync.connections(session.get().accessToken()), null,
                    created == null ? null : "Connection created.", NewConnection.EMPTY)).build();
        } catch (Refused refused) {
            return html(statusOf(refused), Templates.connections(session.get().email(), session.get().csrf(), List.of(),
                    refused.getMessage(), null, NewConnection.EMPTY)).build();
        }
    }

    /**
     * Creates a connection. With a Google account, the form is kept with a started connect flow and the browser
     * goes through {@code /oauth/google/start} to Google's consent (state and PKCE); the connection is created at
     * {@code /oauth/callback} with the user's refresh token. With a Workspace service account or Takeout it is created at once.
     */
    @POST
    @Path("/connections")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createConnection(@CookieParam(SESSION_COOKIE) String sessionId, @FormParam("csrf") String csrf,
                                     @FormParam("name") String name, @FormParam("credentials") String credentials,
                                     @FormParam("keepSubject") String keepSubject,
                                     @FormParam("notionDatabaseId") String notionDatabaseId,
                                     @FormParam("notionToken") String notionToken,
                                     @FormParam("scheduleMinutes") String scheduleMinutes) {
        Checked checked = checked(sessionId, true, csrf);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Session session = checked.session();
        NewConnection form = new NewConnection(trim(name), credentials == null ? "GOOGLE" : credentials, trim(keepSubject),
                trim(notionDatabaseId), trim(scheduleMinutes));
        String problem = problemOf(form, notionToken);
        if (problem != null) {
            return formRefused(session, 400, problem, form);
        }
        JsonObject request = new JsonObject().put("name", form.name()).put("notionDatabaseId", form.notionDatabaseId())
                .put("notionToken", notionToken.strip()).put("enabled", true)
                .put("scheduleMinutes", form.scheduleMinutes().isEmpty() ? null : Integer.valueOf(form.scheduleMinutes()));
        switch (form.credentials()) {
            case "GOOGLE" -> {
                if (!google.configured()) {
                    return formRefused(session, 503, "Connecting a Google account is not configured on this gateway "
                            + "(GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET).", form);
                }
                request.put("sourceType", "KEEP_API").put("keepCredentialsType", "REFRESH_TOKEN");
                String flowCookie = flows.start(sessionId, request);
                LOG.infof("console: admin %s started a Google connect flow", session.userId());
                return Response.seeOther(URI.create(GoogleConnectStart.PATH))
                        .cookie(new NewCookie.Builder(OAuthCallback.FLOW_COOKIE).value(flowCookie).path("/oauth")
                                .httpOnly(true).secure(true)
                                // Lax: the callback is a top-level navigation from Google, which Strict would not carry it on.
                                .sameSite(NewCookie.SameSite.LAX).maxAge((int) flows.ttl().toSeconds()).build())
                        .build();
            }
            case "SERVICE_ACCOUNT" -> request.put("sourceType", "KEEP_API").put("keepCredentialsType", "SERVICE_ACCOUNT")
                    .put("keepSubject", form.keepSubject());
            default -> request.put("sourceType", "TAKEOUT");
        }
        try {
            sync.createConnection(session.accessToken(), request);
        } catch (Refused refused) {
            return formRefused(session, statusOf(refused), refused.getMessage(), form);
        }
        LOG.infof("console: admin %s created a %s connection", session.userId(), form.credentials());
        return Response.seeOther(URI.create("/admin/connections?created=1")).build();
    }

    private static String problemOf(NewConnection form, String notionToken) {
        if (!java.util.Set.of("GOOGLE", "SERVICE_ACCOUNT", "TAKEOUT").contains(form.credentials())) {
            return "Choose where the notes come from: a Google account, a Workspace service account or a Takeout upload.";
        }
        if (form.name().isEmpty()) {
            return "Give the connection a name.";
        }
        if ("SERVICE_ACCOUNT".equals(form.credentials()) && !form.keepSubject().contains("@")) {
            return "Enter the email of the Workspace user whose notes the service account reads.";
        }
        if (form.notionDatabaseId().isEmpty()) {
            return "Enter the id of the Notion database the notes go to.";
        }
        if (notionToken == null || notionToken.isBlank()) {
            return "Enter the Notion integration token that the database is shared with.";
        }
        if (!form.scheduleMinutes().isEmpty()) {
            try {
                if (Integer.parseInt(form.scheduleMinutes()) < 5) {
                    return "The schedule is at least every 5 minutes (leave it empty to sync by hand only).";
                }
            } catch (NumberFormatException e) {
                return "The schedule is a number of minutes (leave it empty to sync by hand only).";
            }
        }
        return null;
    }

    private Response formRefused(Session session, int status, String message, NewConnection form) {
        List<SyncServiceApi.ConnectionRow> rows;
        try {
            rows = sync.connections(session.accessToken());
        } catch (Refused refused) {
            rows = List.of();
        }
        return html(status, Templates.connections(session.email(), session.csrf(), rows, message, null, form)).build();
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    /** Starts a job of a connection now: mode INCREMENTAL (sync now) or FULL (full resync). */
    @POST
    @Path("/connections/{id}/sync")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response syncNow(@CookieParam(SESSION_COOKIE) String sessionId, @FormParam("csrf") String csrf,
                            @jakarta.ws.rs.PathParam("id") String connectionId, @FormParam("mode") String mode) {
        Checked checked = checked(sessionId, true, csrf);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Session session = checked.session();
        String jobMode = "FULL".equals(mode) ? "FULL" : "INCREMENTAL";
        try {
            sync.trigger(session.accessToken(), connectionId, jobMode);
        } catch (Refused refused) {
            return html(statusOf(refused), Templates.connections(session.email(), session.csrf(), List.of(),
                    refused.getMessage(), null, NewConnection.EMPTY)).build();
        }
        return Response.seeOther(URI.create("/admin/connections/" + java.net.URLEncoder.encode(connectionId,
                java.nio.charset.StandardCharsets.UTF_8) + "/jobs")).build();
    }

    /** Enables or disables a connection's scheduled runs ({@code enabled} true or false); runs by hand still work. */
    @POST
    @Path("/connections/{id}/enabled")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setEnabled(@CookieParam(SESSION_COOKIE) String sessionId, @FormParam("csrf") String csrf,
                               @jakarta.ws.rs.PathParam("id") String connectionId, @FormParam("enabled") String enabled) {
        Checked checked = checked(sessionId, true, csrf);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Session session = checked.session();
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            return html(400, Templates.refused("Not done", "enabled must be true or false, not " + enabled + ".")).build();
        }
        try {
            sync.setEnabled(session.accessToken(), connectionId, Boolean.parseBoolean(enabled));
        } catch (Refused refused) {
            return html(statusOf(refused), Templates.refused("Not done", refused.getMessage())).build();
        }
        return Response.seeOther(URI.create("/admin/connections")).build();
    }

    /** A connection's recent jobs with their progress and outcome counts. */
    @GET
    @Path("/connections/{id}/jobs")
    public Response jobs(@CookieParam(SESSION_COOKIE) String sessionId, @jakarta.ws.rs.PathParam("id") String connectionId) {
        Optional<Session> session = sessions.session(sessionId).flatMap(s -> fresh(sessionId, s));
        if (session.isEmpty()) {
            return toLogin();
        }
        try {
            List<SyncServiceApi.JobRow> jobs = sync.jobs(session.get().accessToken(), connectionId);
            // Live progress without script: while a job is queued or running the page reloads itself every few seconds.
            boolean live = jobs.stream().anyMatch(SyncServiceApi.JobRow::inProgress);
            return html(200, Templates.jobs(session.get().email(), session.get().csrf(), connectionId, jobs, null,
                    live ? LIVE_REFRESH_SECONDS : 0)).build();
        } catch (Refused refused) {
            return html(statusOf(refused), Templates.jobs(session.get().email(), session.get().csrf(), connectionId, List.of(),
                    refused.getMessage(), 0)).build();
        }
    }

    /** Each note's result in a job, with reasons and warnings. */
    @GET
    @Path("/jobs/{id}/notes")
    public Response notes(@CookieParam(SESSION_COOKIE) String sessionId, @jakarta.ws.rs.PathParam("id") String jobId) {
        Optional<Session> session = sessions.session(sessionId).flatMap(s -> fresh(sessionId, s));
        if (session.isEmpty()) {
            return toLogin();
        }
        try {
            return html(200, Templates.notes(session.get().email(), session.get().csrf(), jobId,
                    sync.notes(session.get().accessToken(), jobId), null)).build();
        } catch (Refused refused) {
            return html(statusOf(refused), Templates.notes(session.get().email(), session.get().csrf(), jobId, List.of(),
                    refused.getMessage())).build();
        }
    }

    /** Cancels a job or retries the notes it failed to write; back to the connection's jobs. */
    @POST
    @Path("/jobs/{id}/{action}")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response jobAction(@CookieParam(SESSION_COOKIE) String sessionId, @FormParam("csrf") String csrf,
                              @FormParam("connectionId") String connectionId,
                              @jakarta.ws.rs.PathParam("id") String jobId, @jakarta.ws.rs.PathParam("action") String action) {
        Checked checked = checked(sessionId, true, csrf);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Session session = checked.session();
        try {
            sync.jobAction(session.accessToken(), jobId, action);
        } catch (Refused refused) {
            return html(statusOf(refused), Templates.refused("Not done", refused.getMessage())).build();
        }
        return Response.seeOther(URI.create(connectionId == null || connectionId.isBlank() ? "/admin/connections"
                : "/admin/connections/" + java.net.URLEncoder.encode(connectionId, java.nio.charset.StandardCharsets.UTF_8) + "/jobs")).build();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** The session with an access token valid for a while, refreshed through knowledge-api if needed. */
    /** A console request's fresh session after its checks, or the answer that refuses it. */
    private record Checked(Session session, Response refusal) {
    }

    /**
     * The caller's console session, refreshed if its access token is due: without one the answer is the sign-in
     * page; a form whose {@code csrf} is not the session's token (missing included) is refused.
     */
    private Checked checked(String sessionId, boolean form, String csrf) {
        Optional<Session> found = sessions.session(sessionId);
        if (found.isEmpty()) {
            return new Checked(null, toLogin());
        }
        if (form && !ConsoleSessions.sameToken(found.get().csrf(), csrf)) {
            return new Checked(null, csrfRefused());
        }
        return fresh(sessionId, found.get()).map(session -> new Checked(session, null))
                .orElseGet(() -> new Checked(null, toLogin()));
    }

    private Optional<Session> fresh(String id, Session session) {
        return refresh.fresh(id, session, clientAddress());
    }

    private void safeLogout(String refreshToken) {
        try {
            identity.logout(refreshToken, clientAddress());
        } catch (Refused ignored) {
            // The refresh token expires on its own; the console session is gone either way.
        }
    }

    private String clientAddress() {
        ClientRequest request = current.getCurrent() == null ? null : ClientRequest.of(current.getCurrent());
        return request == null ? null : request.clientAddress();
    }

    private static Response toLogin() {
        return Response.seeOther(URI.create("/admin/login")).build();
    }

    /** A plain page for a refusal outside the console's pages (the OAuth callback). */
    public static Response refusedPage(int status, String title, String message) {
        return html(status, Templates.refused(title, message)).build();
    }

    private static Response csrfRefused() {
        return html(403, Templates.refused("Form expired",
                "This form is no longer valid (missing or wrong CSRF token). Reload the page and try again.")).build();
    }

    private static Response.ResponseBuilder html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store").entity(page.render());
    }

    private static int statusOf(Refused refused) {
        return switch (refused.code()) {
            case "UNAUTHENTICATED" -> 401;
            case "RATE_LIMITED" -> 429;
            case "FORBIDDEN", "ADMIN_REQUIRED", "MFA_REQUIRED" -> 403;
            case "NOT_FOUND" -> 404;
            case "CONFLICT" -> 409;
            case "SERVICE_UNAVAILABLE" -> 503;
            default -> 400;
        };
    }

    private static String messageOf(Refused refused) {
        return "SERVICE_UNAVAILABLE".equals(refused.code())
                ? "The identity service is not answering; try again shortly." : refused.getMessage();
    }

    private static NewCookie cookie(String name, String value, long maxAgeSeconds) {
        return new NewCookie.Builder(name).value(value).path("/admin").httpOnly(true).secure(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) maxAgeSeconds).build();
    }

    private static NewCookie expired(String name) {
        return new NewCookie.Builder(name).value("").path("/admin").httpOnly(true).secure(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }
}
