package app.knowledgenetwork.searchindexer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fallback schedule's interval is one the scheduler keeps, or the service says why it will not start. */
class ScheduleSettingTest {

    @Test
    void anIntervalUnderASecondIsRefusedNamingTheSetting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> OutboxIndexer.checkSchedule("250ms"));
        assertTrue(refused.getMessage().contains("INDEXER_INTERVAL") && refused.getMessage().contains("at least 1s"), refused.getMessage());
    }

    @Test
    void somethingThatIsNotADurationIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> OutboxIndexer.checkSchedule("soon"));
        assertTrue(refused.getMessage().contains("'soon'"), refused.getMessage());
    }

    @Test
    void aSecondOrMoreOrOffAsTheSchedulerSpellsItIsTaken() {
        assertDoesNotThrow(() -> OutboxIndexer.checkSchedule("1s"));
        assertDoesNotThrow(() -> OutboxIndexer.checkSchedule("PT5S"));
        assertDoesNotThrow(() -> OutboxIndexer.checkSchedule("off"));
        assertDoesNotThrow(() -> OutboxIndexer.checkSchedule("disabled"));
    }
}
