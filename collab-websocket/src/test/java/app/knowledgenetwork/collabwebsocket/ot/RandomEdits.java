package app.knowledgenetwork.collabwebsocket.ot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Random documents and operations that fit them, for the cross-check and the properties. Text is drawn from
 * pieces where UTF-16 units and code points differ (emoji, ZWJ sequences, flags, astral CJK, combining marks), so
 * any place counting chars instead of code points shows.
 */
final class RandomEdits {

  private static final String[] PIECES = {
      "a", "b", "c", "x", " ", "\n", "é", "e\u0301", "\u0301", "\uD83D\uDE00", "\uD83D\uDE01",
      "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83C\uDDEB\uD83C\uDDF7", "\uD840\uDC0B", "中", "\uD834\uDD1E",
  };

  private final RandomGenerator random;

  RandomEdits(RandomGenerator random) {
    this.random = random;
  }

  String text(int maxPieces) {
    int pieces = random.nextInt(maxPieces + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  /** A normalized operation that fits {@code document}, in JSON form, its deletes sometimes carrying the deleted text. */
  List<Object> operationJson(String document) {
    int length = document.codePointCount(0, document.length());
    List<Object> raw = new ArrayList<>();
    int position = 0;
    int components = random.nextInt(6);
    for (int i = 0; i < components; i++) {
      int kind = random.nextInt(3);
      if (kind == 0 && position < length) {
        int skip = 1 + random.nextInt(Math.min(length - position, 8));
        raw.add(skip);
        position += skip;
      } else if (kind == 1 && position < length) {
        int delete = 1 + random.nextInt(Math.min(length - position, 6));
        raw.add(Map.of("d", delete));
        position += delete;
      } else {
        String insert = text(4);
        if (!insert.isEmpty()) {
          raw.add(insert);
        }
      }
    }
    List<Object> normalized = TextOperation.fromJson(raw).toJson();
    return random.nextInt(4) == 0 ? withDeletedText(normalized, document) : normalized;
  }

  TextOperation operation(String document) {
    return TextOperation.fromJson(operationJson(document));
  }

  private static List<Object> withDeletedText(List<Object> op, String document) {
    List<Object> result = new ArrayList<>(op.size());
    int at = 0;
    for (Object component : op) {
      if (component instanceof Integer skip) {
        at = document.offsetByCodePoints(at, skip);
        result.add(component);
      } else if (component instanceof Map<?, ?> delete) {
        int end = document.offsetByCodePoints(at, (Integer) delete.get("d"));
        Map<String, Object> text = new HashMap<>();
        text.put("d", document.substring(at, end));
        result.add(text);
        at = end;
      } else {
        result.add(component);
      }
    }
    return result;
  }

  int cursor(String document) {
    return random.nextInt(document.codePointCount(0, document.length()) + 1);
  }
}
