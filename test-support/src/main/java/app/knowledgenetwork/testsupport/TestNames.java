package app.knowledgenetwork.testsupport;

import java.security.SecureRandom;

/** Names of per-run databases, key prefixes, indices and buckets; unique, short, lower case. */
final class TestNames {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestNames() {
    }

    static String unique(String prefix) {
        return prefix + Long.toString(System.currentTimeMillis(), 36) + Integer.toString(RANDOM.nextInt(46656), 36);
    }
}
