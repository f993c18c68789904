package app.knowledgenetwork.common.logging;

import io.quarkus.logging.LoggingFilter;
import java.text.MessageFormat;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Masks credentials in every log record before a handler formats it. Enabled per handler with
 * {@code quarkus.log.console.filter=secret-masking}. The message is formatted here, with its
 * parameters, because a secret usually arrives as a parameter, not in the pattern.
 */
@LoggingFilter(name = "secret-masking")
public final class SecretMaskingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (message != null && parameters != null && parameters.length > 0) {
            message = format(message, parameters);
            record.setParameters(null);
        }
        record.setMessage(SecretMasker.mask(message));
        Throwable thrown = record.getThrown();
        if (thrown != null && thrown.getMessage() != null
                && !thrown.getMessage().equals(SecretMasker.mask(thrown.getMessage()))) {
            record.setThrown(new MaskedThrowable(thrown));
        }
        return true;
    }

    private static String format(String pattern, Object[] parameters) {
        try {
            if (pattern.contains("%")) {
                return String.format(pattern, parameters);
            }
            return MessageFormat.format(pattern, parameters);
        } catch (RuntimeException e) {
            return pattern;
        }
    }

    /** Stands in for an exception whose message held a secret; keeps its type name and stack. */
    static final class MaskedThrowable extends RuntimeException {
        MaskedThrowable(Throwable original) {
            super(original.getMessage() == null ? original.getClass().getName()
                            : original.getClass().getName() + ": " + SecretMasker.mask(original.getMessage()),
                    original.getCause() == null ? null : new MaskedThrowable(original.getCause()), false, true);
            setStackTrace(original.getStackTrace());
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
