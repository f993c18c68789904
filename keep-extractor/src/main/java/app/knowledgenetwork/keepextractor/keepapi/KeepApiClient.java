package app.knowledgenetwork.keepextractor.keepapi;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.json.JsonObjectParser;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.BackOff;
import com.google.api.client.util.BackOffUtils;
import com.google.api.client.util.ExponentialBackOff;
import com.google.api.client.util.Sleeper;
import com.google.auth.Retryable;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Keep API v1 for one user, through google-http-client with google-auth-library credentials. Each
 * request recovers with the client library's own handlers ({@link KeepApiRetries}): a fresh token after a
 * 401, exponential backoff after 429 and 5xx honouring Retry-After. A listing that Google aborts (notes
 * changed while paging) starts again from the first page.
 */
public class KeepApiClient {

    private final HttpCredentialsAdapter credentials;
    private final HttpRequestFactory requests;
    private final String baseUrl;
    private final KeepApiConfig config;

    public KeepApiClient(GoogleCredentials credentials, KeepApiConfig config, NetHttpTransport transport) {
        this.credentials = new HttpCredentialsAdapter(credentials);
        this.requests = transport.createRequestFactory(this.credentials);
        URI api = config.apiUrl();
        this.baseUrl = api.toString().replaceAll("/+$", "");
        this.config = config;
    }

    /** Every note matching the filter, read to the last page; restarted from the first page when Google aborts it. */
    public List<KeepApiModel.ApiNote> listAll(Optional<String> filter) {
        BackOff restarts = new ExponentialBackOff.Builder()
                .setInitialIntervalMillis((int) Math.max(1, config.initialBackoff().toMillis()))
                .setMultiplier(config.backoffFactor())
                .setMaxIntervalMillis(KeepApiRetries.MAX_BACKOFF_MILLIS)
                .setMaxElapsedTimeMillis(Integer.MAX_VALUE)
                .build();
        for (int attempt = 0; ; attempt++) {
            try {
                return listOnce(filter);
            } catch (KeepApiException e) {
                if (!"ABORTED".equals(e.googleStatus()) || attempt >= config.maxRetries()) {
                    throw e;
                }
                try {
                    BackOffUtils.next(Sleeper.DEFAULT, restarts);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new KeepApiException(503, "CANCELLED", "interrupted while backing off", interrupted);
                } catch (IOException cannotHappen) {
                    throw new UncheckedIOException(cannotHappen);
                }
            }
        }
    }

    private List<KeepApiModel.ApiNote> listOnce(Optional<String> filter) {
        List<KeepApiModel.ApiNote> notes = new ArrayList<>();
        String pageToken = null;
        do {
            GenericUrl url = new GenericUrl(baseUrl + "/v1/notes");
            url.set("pageSize", config.pageSize());
            filter.ifPresent(f -> url.set("filter", f));
            if (pageToken != null) {
                url.set("pageToken", pageToken);
            }
            KeepApiModel.ListNotesResponse page = call(() -> {
                HttpResponse response = get(url, false);
                try {
                    return response.parseAs(KeepApiModel.ListNotesResponse.class);
                } finally {
                    response.disconnect();
                }
            });
            if (page.notes != null) {
                notes.addAll(page.notes);
            }
            pageToken = page.nextPageToken == null || page.nextPageToken.isEmpty() ? null : page.nextPageToken;
        } while (pageToken != null);
        return notes;
    }

    /** The note {@code notes/{id}}; empty when the Keep API no longer has it (404). */
    public Optional<KeepApiModel.ApiNote> get(String noteId) {
        GenericUrl url = new GenericUrl(baseUrl + "/v1/notes/" + noteId);
        try {
            return Optional.of(call(() -> {
                HttpResponse response = get(url, true);
                try {
                    return response.parseAs(KeepApiModel.ApiNote.class);
                } finally {
                    response.disconnect();
                }
            }));
        } catch (KeepApiException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The bytes of {@code notes/{id}/attachments/{aid}} in the given media type, at most {@code maxBytes}. */
    public byte[] download(String attachmentName, String mimeType, long maxBytes) {
        GenericUrl url = new GenericUrl(baseUrl + "/v1/" + attachmentName);
        url.set("alt", "media");
        url.set("mimeType", mimeType);
        return call(() -> {
            HttpResponse response = get(url, true);
            try (InputStream in = response.getContent()) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new KeepApiException(413, "", "attachment " + attachmentName + " is larger than the limit of " + maxBytes + " bytes", null);
                }
                return bytes;
            } finally {
                response.disconnect();
            }
        });
    }

    private HttpResponse get(GenericUrl url, boolean retryAborted) throws IOException {
        HttpRequest request = requests.buildGetRequest(url);
        request.setParser(new JsonObjectParser(GsonFactory.getDefaultInstance()));
        new KeepApiRetries(credentials, config, retryAborted).applyTo(request);
        return request.execute();
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    /** Runs a request (its retries happen inside it) and turns what is left of a failure into a KeepApiException. */
    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (HttpResponseException e) {
            throw new KeepApiException(e.getStatusCode(), googleStatus(e.getContent()),
                    "Keep API answered " + e.getStatusCode() + ": " + googleMessage(e.getContent()), e);
        } catch (IOException e) {
            // google-auth-library reports a failed token request as a Retryable IOException carrying the OAuth error.
            if (e instanceof Retryable tokenFailure && !tokenFailure.isRetryable()) {
                throw new InvalidCredentialsException("Google's token endpoint refused the credentials: " + e.getMessage());
            }
            throw new KeepApiException(503, "UNAVAILABLE", (e instanceof Retryable ? "Google's token endpoint failed: "
                    : "Keep API unreachable: ") + e.getMessage(), e);
        }
    }

    private static String googleStatus(String body) {
        try {
            return JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error").get("status").getAsString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String googleMessage(String body) {
        try {
            return JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error").get("message").getAsString();
        } catch (RuntimeException e) {
            return body == null ? "" : body;
        }
    }
}
