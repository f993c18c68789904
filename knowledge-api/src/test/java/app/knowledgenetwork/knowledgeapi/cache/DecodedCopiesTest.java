package app.knowledgenetwork.knowledgeapi.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DecodedCopiesTest {
    private final List<String> decoded = new ArrayList<>();
    private final Function<String, StringBuilder> decoder = text -> {
        decoded.add(text);
        return text.startsWith("{") ? new StringBuilder(text) : null;
    };

    private static CacheConfig budget(long chars) {
        return new CacheConfig() {
            public boolean enabled() { return true; }
            public Duration ttl() { return Duration.ofMinutes(10); }
            public int maxListingChars() { return 1000; }
            public int maxFieldsPerKey() { return 128; }
            public long decodedMaxChars() { return chars; }
            public Duration timeout() { return Duration.ofMillis(500); }
            public Duration pauseAfterFailure() { return Duration.ofSeconds(5); }
        };
    }

    @Test
    void theSameTextIsDecodedOnceAndAChangedTextAgain() {
        DecodedCopies copies = new DecodedCopies(budget(1_000_000));
        StringBuilder first = copies.decode("document:1 v", "{\"title\":\"A\"}", StringBuilder.class, decoder);
        assertSame(first, copies.decode("document:1 v", new String("{\"title\":\"A\"}"), StringBuilder.class, decoder));
        assertEquals(1, decoded.size());

        StringBuilder changed = copies.decode("document:1 v", "{\"title\":\"B\"}", StringBuilder.class, decoder);
        assertEquals("{\"title\":\"B\"}", changed.toString());
        assertEquals(2, decoded.size(), "a refilled entry is decoded afresh");
        copies.decode("document:2 v", "{\"title\":\"B\"}", StringBuilder.class, decoder);
        assertEquals(3, decoded.size(), "copies are per entry");
    }

    @Test
    void anUnreadableValueIsNotRemembered() {
        DecodedCopies copies = new DecodedCopies(budget(1_000_000));
        assertNull(copies.decode("document:1 v", "garbage", StringBuilder.class, decoder));
        assertNull(copies.decode("document:1 v", "garbage", StringBuilder.class, decoder));
        assertEquals(2, decoded.size());
    }

    @Test
    void aValueOverTheBudgetIsNotKept() {
        DecodedCopies copies = new DecodedCopies(budget(10));
        String text = "{\"content\":\"" + "x".repeat(100) + "\"}";
        copies.decode("document:1 v", text, StringBuilder.class, decoder);
        copies.decode("document:1 v", text, StringBuilder.class, decoder);
        assertEquals(2, decoded.size());
    }
}
