package app.knowledgenetwork.collabwebsocket.session;

import java.nio.charset.StandardCharsets;

/**
 * A message as it goes on the wire: its text encoded to UTF-8 once. A broadcast reaches every client of a document
 * with the same bytes; encoding it per recipient was a measurable share of an operation's CPU (JFR:
 * String.encodeUTF8_UTF16, 3-4 % of the samples at 500 ops/s across 50 clients). The text stays for connections
 * that are not Vert.x WebSockets (a test's stand-in), which only take a String.
 */
record Frame(String text, byte[] utf8) {
    static Frame of(String text) {
        return new Frame(text, text.getBytes(StandardCharsets.UTF_8));
    }
}
