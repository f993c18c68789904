package app.knowledgenetwork.collabwebsocket.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * A message from a client, read leniently where the protocol allows it and strictly where a mistake would change
 * the document. Every message is a JSON object with a {@code type}.
 */
public sealed interface ClientMessage {
    int PROTOCOL_VERSION = 1;

    /**
     * The first message: the access token (never in the URL), and what the client already holds so it can catch up
     * with operations instead of a snapshot. Sent again later with a fresh token before the old one expires.
     */
    record Auth(String token, Integer protocol, String epoch, Long version, String name, String color) implements ClientMessage {
    }

    /** An operation made against {@code version}: {@code source}/{@code seq} identify it for idempotent resubmission. */
    record Submit(long version, List<?> op, String source, long seq) implements ClientMessage {
    }

    /** The caller's selection (code points) at {@code version}; null selection: none. */
    record Presence(long version, Selection selection, String name, String color) implements ClientMessage {
    }

    record Selection(int anchor, int head) {
    }

    record Ping() implements ClientMessage {
    }

    /** A message the server cannot read: answered with BAD_MESSAGE naming the problem. */
    record Unreadable(String problem) implements ClientMessage {
    }

    static ClientMessage parse(ObjectMapper json, String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (Exception e) {
            return new Unreadable("not JSON");
        }
        if (node == null || !node.isObject()) {
            return new Unreadable("a message must be a JSON object");
        }
        String type = node.path("type").asText("");
        try {
            return switch (type) {
                case "auth" -> new Auth(optionalToken(node), optionalInt(node, "protocol"), optionalText(node, "epoch"),
                        optionalLong(node, "v"), optionalText(node, "name"), optionalText(node, "color"));
                case "op" -> {
                    JsonNode op = node.get("op");
                    if (op == null || !op.isArray()) {
                        throw new IllegalArgumentException("op: must be an array of ot-text-unicode components");
                    }
                    String source = requiredText(node, "src");
                    if (source.length() > 100) {
                        throw new IllegalArgumentException("src: at most 100 characters");
                    }
                    yield new Submit(requiredLong(node, "v"), plain(op), source, requiredLong(node, "seq"));
                }
                case "presence" -> {
                    JsonNode s = node.get("selection");
                    Selection selection = s == null || s.isNull() ? null : new Selection(requiredInt(s, "anchor"), requiredInt(s, "head"));
                    yield new Presence(requiredLong(node, "v"), selection, optionalText(node, "name"), optionalText(node, "color"));
                }
                case "ping" -> new Ping();
                case "" -> new Unreadable("type: missing");
                default -> new Unreadable("type: unknown message type '" + type + "'");
            };
        } catch (IllegalArgumentException e) {
            return new Unreadable(type + ": " + e.getMessage());
        }
    }

    /**
     * The JSON as plain Java values, as Jackson's untyped mapping gives them (Integer, Long or BigInteger, Double,
     * String, Boolean, null, List, LinkedHashMap); walked directly: {@code convertValue} wrote the tree out and read it
     * back, a few per cent of an operation's CPU.
     */
    static List<Object> plain(JsonNode array) {
        List<Object> list = new java.util.ArrayList<>(array.size());
        for (JsonNode item : array) {
            list.add(plainValue(item));
        }
        return list;
    }

    private static Object plainValue(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue() : node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            return plain(node);
        }
        if (node.isObject()) {
            java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
            for (var field : node.properties()) {
                map.put(field.getKey(), plainValue(field.getValue()));
            }
            return map;
        }
        return null;
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(field + ": required, a non-empty string");
        }
        return value.asText();
    }

    private static String optionalToken(JsonNode node) {
        JsonNode value = node.get("token");
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        String text = value.asText();
        return text.length() > 100 ? text.substring(0, 100) : text;
    }

    private static long requiredLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException(field + ": required, a non-negative integer");
        }
        return value.asLong();
    }

    private static int requiredInt(JsonNode node, String field) {
        long value = requiredLong(node, field);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + ": too large");
        }
        return (int) value;
    }

    private static Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : requiredLong(node, field);
    }

    private static Integer optionalInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : requiredInt(node, field);
    }
}
