package app.knowledgenetwork.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class SecretMaskingLogFilterTest {

    private final SecretMaskingLogFilter filter = new SecretMaskingLogFilter();

    @Test
    void aSecretPassedAsAParameterIsMaskedBeforeAnyHandlerFormatsIt() {
        LogRecord record = new LogRecord(Level.WARNING, "Notion rejected token {0} for database {1}");
        record.setParameters(new Object[] {"secret_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "db-7"});

        assertTrue(filter.isLoggable(record), "masking never drops a record");
        assertEquals("Notion rejected token **** for database db-7", record.getMessage());
    }

    @Test
    void printfStyleMessagesAreFormattedAndMasked() {
        LogRecord record = new LogRecord(Level.INFO, "connecting with %s");
        record.setParameters(new Object[] {"jdbc:postgresql://kn:s3cr3t@db:5432/knowledge"});

        filter.isLoggable(record);

        assertFalse(record.getMessage().contains("s3cr3t"), record.getMessage());
    }

    @Test
    void anExceptionWhoseMessageHoldsASecretIsReplacedKeepingItsTypeAndStack() {
        var original = new IllegalStateException("refresh failed: refresh_token=1//0gAbCdEfGhIjKlMnOp");
        LogRecord record = new LogRecord(Level.SEVERE, "sync failed");
        record.setThrown(original);

        filter.isLoggable(record);

        Throwable logged = record.getThrown();
        assertFalse(logged.getMessage().contains("1//0gAbCdEfGhIjKlMnOp"), logged.getMessage());
        assertTrue(logged.getMessage().startsWith(IllegalStateException.class.getName()));
        assertEquals(original.getStackTrace().length, logged.getStackTrace().length);
    }
}
