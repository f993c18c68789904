package app.knowledgenetwork.common.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces credentials in free text with a fixed mask, so that a token, password or key that
 * reaches a log line by accident (an exception message, a URL, a request dump) is never
 * written out. It errs on the side of masking: a false positive costs a readable log line,
 * a false negative leaks a credential.
 */
public final class SecretMasker {

    public static final String MASK = "****";

    private static final List<Pattern> VALUE_AFTER_NAME = List.of(
            // HTTP authorization schemes; first, so "Authorization: Bearer x" masks x and not "Bearer"
            Pattern.compile("(?i)((?:Bearer|Basic)\\s+)([A-Za-z0-9._~+/=-]{8,})"),
            // key=value, "key": "value", key: value for names that carry secrets
            Pattern.compile("(?i)(\"?(?:password|passwd|pwd|secret|client_secret|token|access_token|refresh_token|"
                    + "id_token|api[_-]?key|authorization|encryption[_-]?key|private[_-]?key|assertion|otp|totp)\"?"
                    + "\\s*[=:]\\s*\"?)([^\"\\s,&;}]+)"),
            // user:password@ in connection URLs
            Pattern.compile("(://[^:/@\\s]*:)([^@/\\s]+)(@)"));

    private static final List<Pattern> WHOLE_VALUE = List.of(
            Pattern.compile("\\bsecret_[A-Za-z0-9]{20,}\\b"),          // Notion internal integration tokens
            Pattern.compile("\\bntn_[A-Za-z0-9]{20,}\\b"),             // Notion tokens, newer format
            Pattern.compile("\\bya29\\.[A-Za-z0-9._-]{10,}"),          // Google OAuth access tokens
            Pattern.compile("\\b1//[A-Za-z0-9._-]{10,}"),              // Google OAuth refresh tokens
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+"), // JWTs
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"));

    private SecretMasker() {
    }

    /** Returns {@code text} with every recognised credential replaced by {@link #MASK}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (Pattern pattern : WHOLE_VALUE) {
            masked = pattern.matcher(masked).replaceAll(MASK);
        }
        for (Pattern pattern : VALUE_AFTER_NAME) {
            Matcher matcher = pattern.matcher(masked);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String suffix = matcher.groupCount() >= 3 ? matcher.group(3) : "";
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + MASK + suffix));
            }
            matcher.appendTail(out);
            masked = out.toString();
        }
        return masked;
    }
}
