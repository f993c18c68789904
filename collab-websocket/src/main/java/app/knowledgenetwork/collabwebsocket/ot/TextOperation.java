package app.knowledgenetwork.collabwebsocket.ot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An operation of the {@code ot-text-unicode} type (npm {@code ot-text-unicode} v4, ShareDB's default text
 * type), so any JavaScript client can use that library as is. Its components walk the document from the start:
 * a number skips that many code points, a string inserts itself, {@code {"d": n}} deletes n code points; what is
 * after the last component stays as it is. Every length and position counts Unicode code points, not UTF-16 units.
 *
 * <p>Immutable and normalized: no empty or zero components, adjacent components of the same kind merged, no
 * trailing skip. Transform and compose produce the same components, in the same order, as the npm library, which
 * a test checks by running the same random operations through both.
 *
 * <p>Kept as two parallel arrays rather than a list of component objects because the server applies and
 * transforms every operation it sequences: {@code lengths[i]} is a skip when positive, a delete of
 * {@code -lengths[i]} when negative, and the code point length of {@code inserts[i]} when that is non-null.
 */
public final class TextOperation {

  private static final TextOperation NOOP = new TextOperation(new int[0], new String[0], 0);

  private final int[] lengths;
  private final String[] inserts;
  private final int size;

  private TextOperation(int[] lengths, String[] inserts, int size) {
    this.lengths = lengths;
    this.inserts = inserts;
    this.size = size;
  }

  public static TextOperation noop() {
    return NOOP;
  }

  /** Inserts {@code text} at code point {@code position}. */
  public static TextOperation insert(int position, String text) {
    return new Builder().skip(position).insert(text).build();
  }

  /** Deletes {@code count} code points at code point {@code position}. */
  public static TextOperation delete(int position, int count) {
    return new Builder().skip(position).delete(count).build();
  }

  /**
   * Reads an operation as it arrives in JSON: numbers skip, strings insert, {@code {"d": n}} or
   * {@code {"d": "text"}} delete (the text form, which ot-text-unicode keeps to make operations invertible,
   * deletes as many code points as the text has). Adjacent components of one kind are merged and a trailing skip
   * dropped; a zero, negative, fractional or empty component, or anything else, is refused naming the component.
   */
  public static TextOperation fromJson(List<?> components) {
    if (components == null) {
      throw new InvalidOperation("an operation must be a list of components, not null");
    }
    Builder builder = new Builder(components.size());
    long span = 0;
    for (int i = 0; i < components.size(); i++) {
      Object component = components.get(i);
      if (component instanceof String text) {
        builder.insert(text, insertLength(text, i));
      } else if (component instanceof Number number) {
        int skip = positiveCount(number, i, "a skip");
        span += skip;
        builder.skip(skip);
      } else if (component instanceof Map<?, ?> map) {
        int deleted = deleteLength(map, i);
        span += deleted;
        builder.delete(deleted);
      } else {
        throw new InvalidOperation("component " + i + ": must be a number (skip), a string (insert) or {\"d\": n} (delete), not "
            + (component == null ? "null" : component.getClass().getSimpleName()));
      }
      if (span > Integer.MAX_VALUE) {
        throw new InvalidOperation("the operation spans more than " + Integer.MAX_VALUE + " code points");
      }
    }
    return builder.build();
  }

  private static int insertLength(String text, int index) {
    if (text.isEmpty()) {
      throw new InvalidOperation("component " + index + ": an insert must not be empty");
    }
    int length = CodePoints.countStrict(text);
    if (length < 0) {
      throw new InvalidOperation("component " + index + ": the insert holds an unpaired UTF-16 surrogate");
    }
    return length;
  }

  private static int deleteLength(Map<?, ?> map, int index) {
    if (map.size() != 1 || !map.containsKey("d")) {
      throw new InvalidOperation("component " + index + ": a delete must be {\"d\": n}, not an object with keys " + map.keySet());
    }
    Object d = map.get("d");
    if (d instanceof Number number) {
      return positiveCount(number, index, "a delete");
    }
    if (d instanceof String text) {
      if (text.isEmpty()) {
        throw new InvalidOperation("component " + index + ": a delete must not be empty");
      }
      int length = CodePoints.countStrict(text);
      if (length < 0) {
        throw new InvalidOperation("component " + index + ": the deleted text holds an unpaired UTF-16 surrogate");
      }
      return length;
    }
    throw new InvalidOperation("component " + index + ": a delete's \"d\" must be a number of code points or the deleted text, not "
        + (d == null ? "null" : d.getClass().getSimpleName()));
  }

  private static int positiveCount(Number number, int index, String what) {
    long value;
    if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
      value = number.longValue();
    } else if (number instanceof BigInteger big) {
      value = big.bitLength() < 63 ? big.longValue() : Long.MAX_VALUE;
    } else {
      BigDecimal decimal;
      try {
        decimal = number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
      } catch (NumberFormatException notFinite) {
        throw new InvalidOperation("component " + index + ": " + what + " must be a whole number of code points, not " + number);
      }
      if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
        throw new InvalidOperation("component " + index + ": " + what + " must be a whole number of code points, not " + number);
      }
      value = decimal.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : decimal.longValue();
    }
    if (value <= 0) {
      throw new InvalidOperation("component " + index + ": " + what + " must be more than 0 code points, not " + number);
    }
    if (value > Integer.MAX_VALUE) {
      throw new InvalidOperation("component " + index + ": " + what + " of " + number + " code points is too long");
    }
    return (int) value;
  }

  /** The JSON form: Integer skips, String inserts, {@code Map.of("d", n)} deletes. */
  public List<Object> toJson() {
    List<Object> json = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      if (inserts[i] != null) {
        json.add(inserts[i]);
      } else if (lengths[i] > 0) {
        json.add(lengths[i]);
      } else {
        json.add(Map.of("d", -lengths[i]));
      }
    }
    return json;
  }

  /** The document after this operation; refused when the operation skips or deletes past the document's end. */
  public String apply(String document) {
    if (size == 0) {
      return document;
    }
    StringBuilder result = new StringBuilder(document.length() + insertedChars());
    int at = 0;
    int consumed = 0;
    for (int i = 0; i < size; i++) {
      if (inserts[i] != null) {
        result.append(inserts[i]);
        continue;
      }
      int length = lengths[i];
      int count = Math.abs(length);
      int end = CodePoints.advance(document, at, count);
      if (end < 0) {
        throw new InvalidOperation("the operation " + (length > 0 ? "skips" : "deletes") + " past the end of the document: it needs at least "
            + ((long) consumed + count + remainingSpan(i + 1)) + " code points, the document has " + CodePoints.count(document, 0, document.length()));
      }
      if (length > 0) {
        result.append(document, at, end);
      }
      at = end;
      consumed += count;
    }
    return result.append(document, at, document.length()).toString();
  }

  private long remainingSpan(int from) {
    long span = 0;
    for (int i = from; i < size; i++) {
      if (inserts[i] == null) {
        span += Math.abs(lengths[i]);
      }
    }
    return span;
  }

  private int insertedChars() {
    int chars = 0;
    for (int i = 0; i < size; i++) {
      if (inserts[i] != null) {
        chars += inserts[i].length();
      }
    }
    return chars;
  }

  /**
   * {@code op} rewritten to apply after {@code other}, both made against the same document. When both insert
   * at the same place, the {@link Side#LEFT} side's text goes first. Text {@code other} deleted is not deleted
   * again; text {@code op} inserts inside a range {@code other} deleted survives.
   */
  public static TextOperation transform(TextOperation op, TextOperation other, Side side) {
    if (side == null) {
      throw new IllegalArgumentException("side must be LEFT or RIGHT");
    }
    Builder out = new Builder(op.size + other.size);
    Reader mine = new Reader(op);
    for (int i = 0; i < other.size; i++) {
      String otherInsert = other.inserts[i];
      int otherLength = other.lengths[i];
      if (otherInsert != null) {
        if (side == Side.LEFT && mine.atInsert()) {
          mine.takeWholeInsert(out);
        }
        out.skip(otherLength);
      } else if (otherLength > 0) {
        int left = otherLength;
        while (left > 0) {
          if (mine.done()) {
            out.skip(left);
            left = 0;
          } else if (mine.atInsert()) {
            mine.takeWholeInsert(out);
          } else {
            left -= mine.takeCount(left, out);
          }
        }
      } else {
        int left = -otherLength;
        while (left > 0) {
          if (mine.done()) {
            left = 0;
          } else if (mine.atInsert()) {
            mine.takeWholeInsert(out);
          } else {
            // Skipped text other deleted is gone; a delete of it is already done.
            left -= mine.takeCount(left, null);
          }
        }
      }
    }
    mine.takeRest(out);
    return out.build();
  }

  /** One operation doing what {@code a} then {@code b} do. */
  public static TextOperation compose(TextOperation a, TextOperation b) {
    Builder out = new Builder(a.size + b.size);
    Reader first = new Reader(a);
    for (int i = 0; i < b.size; i++) {
      String insert = b.inserts[i];
      int length = b.lengths[i];
      if (insert != null) {
        out.insert(insert, length);
      } else if (length > 0) {
        int left = length;
        while (left > 0) {
          if (first.done()) {
            out.skip(left);
            left = 0;
          } else if (first.atDelete()) {
            first.takeWholeDelete(out);
          } else if (first.atInsert()) {
            left -= first.takeInsert(left, out);
          } else {
            left -= first.takeCount(left, out);
          }
        }
      } else {
        int left = -length;
        while (left > 0) {
          if (first.done()) {
            out.delete(left);
            left = 0;
          } else if (first.atDelete()) {
            first.takeWholeDelete(out);
          } else if (first.atInsert()) {
            // Deleting text a inserted: neither survives.
            left -= first.takeInsert(left, null);
          } else {
            int taken = first.takeCount(left, null);
            out.delete(taken);
            left -= taken;
          }
        }
      }
    }
    first.takeRest(out);
    return out.build();
  }

  /**
   * Where a cursor (in code points) lands after {@code op}: it moves with text inserted or deleted before it;
   * text inserted exactly at the cursor goes after it. The same as ot-text-unicode's transformPosition.
   */
  public static int transformPosition(int cursor, TextOperation op) {
    int position = 0;
    for (int i = 0; i < op.size && cursor > position; i++) {
      int length = op.lengths[i];
      if (op.inserts[i] != null) {
        position += length;
        cursor += length;
      } else if (length > 0) {
        position += length;
      } else {
        cursor -= Math.min(-length, cursor - position);
      }
    }
    return cursor;
  }

  /**
   * An operation turning {@code before} into {@code after}: keeps their common prefix and suffix (never splitting
   * a surrogate pair) and replaces what is between, so a change saved outside the live session reaches its
   * editors as one small operation.
   */
  public static TextOperation diff(String before, String after) {
    int shorter = Math.min(before.length(), after.length());
    int prefix = 0;
    while (prefix < shorter && before.charAt(prefix) == after.charAt(prefix)) {
      prefix++;
    }
    if (prefix > 0 && Character.isHighSurrogate(before.charAt(prefix - 1))) {
      prefix--;
    }
    int suffix = 0;
    int suffixLimit = shorter - prefix;
    while (suffix < suffixLimit && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
      suffix++;
    }
    if (suffix > 0 && Character.isLowSurrogate(before.charAt(before.length() - suffix))) {
      suffix--;
    }
    int deletedEnd = before.length() - suffix;
    int insertedEnd = after.length() - suffix;
    Builder out = new Builder(3);
    out.skip(CodePoints.count(before, 0, prefix));
    out.delete(CodePoints.count(before, prefix, deletedEnd));
    if (insertedEnd > prefix) {
      String inserted = after.substring(prefix, insertedEnd);
      out.insert(inserted, CodePoints.count(inserted, 0, inserted.length()));
    }
    return out.build();
  }

  public boolean isNoop() {
    return size == 0;
  }

  public int codePointsDeleted() {
    int deleted = 0;
    for (int i = 0; i < size; i++) {
      if (inserts[i] == null && lengths[i] < 0) {
        deleted -= lengths[i];
      }
    }
    return deleted;
  }

  public int codePointsInserted() {
    int inserted = 0;
    for (int i = 0; i < size; i++) {
      if (inserts[i] != null) {
        inserted += lengths[i];
      }
    }
    return inserted;
  }

  /** The shortest document, in code points, this operation applies to (its skips and deletes). */
  public int minimumDocumentLength() {
    return (int) remainingSpan(0);
  }

  /** How long, in code points, a document of {@code length} code points is after this operation. */
  public int lengthAfter(int length) {
    return length + codePointsInserted() - codePointsDeleted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextOperation other
        && size == other.size
        && Arrays.equals(lengths, 0, size, other.lengths, 0, size)
        && Arrays.equals(inserts, 0, size, other.inserts, 0, size);
  }

  @Override
  public int hashCode() {
    int hash = size;
    for (int i = 0; i < size; i++) {
      hash = 31 * hash + (inserts[i] != null ? inserts[i].hashCode() : lengths[i]);
    }
    return hash;
  }

  /** JSON, as on the wire. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        text.append(',');
      }
      if (inserts[i] != null) {
        appendJsonString(text, inserts[i]);
      } else if (lengths[i] > 0) {
        text.append(lengths[i]);
      } else {
        text.append("{\"d\":").append(-lengths[i]).append('}');
      }
    }
    return text.append(']').toString();
  }

  private static void appendJsonString(StringBuilder text, String value) {
    text.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> {
          if (c < 0x20) {
            text.append(String.format("\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    text.append('"');
  }

  /**
   * Builds a normalized operation: merges adjacent components of one kind, drops empty ones and the trailing skip.
   * Keeps inserts and deletes in the order given (the npm library does too, and the cross-check compares components).
   */
  public static final class Builder {
    private int[] lengths;
    private String[] inserts;
    private int size;
    private StringBuilder openInsert;

    public Builder() {
      this(4);
    }

    Builder(int capacity) {
      lengths = new int[Math.max(capacity, 2)];
      inserts = new String[lengths.length];
    }

    public Builder skip(int count) {
      if (count < 0) {
        throw new InvalidOperation("a skip must not be negative: " + count);
      }
      if (count > 0) {
        if (size > 0 && inserts[size - 1] == null && lengths[size - 1] > 0) {
          lengths[size - 1] = addLengths(lengths[size - 1], count);
        } else {
          push(count, null);
        }
      }
      return this;
    }

    public Builder delete(int count) {
      if (count < 0) {
        throw new InvalidOperation("a delete must not be negative: " + count);
      }
      if (count > 0) {
        if (size > 0 && inserts[size - 1] == null && lengths[size - 1] < 0) {
          lengths[size - 1] = -addLengths(-lengths[size - 1], count);
        } else {
          push(-count, null);
        }
      }
      return this;
    }

    public Builder insert(String text) {
      int length = CodePoints.countStrict(text);
      if (length < 0) {
        throw new InvalidOperation("an insert must not hold an unpaired UTF-16 surrogate");
      }
      return insert(text, length);
    }

    Builder insert(String text, int codePoints) {
      if (codePoints > 0) {
        if (size > 0 && inserts[size - 1] != null) {
          if (openInsert == null) {
            openInsert = new StringBuilder(inserts[size - 1]);
          }
          openInsert.append(text);
          lengths[size - 1] = addLengths(lengths[size - 1], codePoints);
        } else {
          push(codePoints, text);
        }
      }
      return this;
    }

    private void push(int length, String insert) {
      closeInsert();
      if (size == lengths.length) {
        lengths = Arrays.copyOf(lengths, size * 2);
        inserts = Arrays.copyOf(inserts, size * 2);
      }
      lengths[size] = length;
      inserts[size] = insert;
      size++;
    }

    private void closeInsert() {
      if (openInsert != null) {
        inserts[size - 1] = openInsert.toString();
        openInsert = null;
      }
    }

    private static int addLengths(int a, int b) {
      int sum = a + b;
      if (sum < 0) {
        throw new InvalidOperation("the operation spans more than " + Integer.MAX_VALUE + " code points");
      }
      return sum;
    }

    public TextOperation build() {
      closeInsert();
      int built = size;
      if (built > 0 && inserts[built - 1] == null && lengths[built - 1] > 0) {
        built--;
      }
      return built == 0 ? NOOP : new TextOperation(Arrays.copyOf(lengths, built), Arrays.copyOf(inserts, built), built);
    }
  }

  /** Walks an operation's components, taking parts of them; offsets into an insert are kept in chars and in code points. */
  private static final class Reader {
    private final TextOperation op;
    private int index;
    private int offset;
    private int charOffset;

    Reader(TextOperation op) {
      this.op = op;
    }

    boolean done() {
      return index == op.size;
    }

    boolean atInsert() {
      return index < op.size && op.inserts[index] != null;
    }

    boolean atDelete() {
      return index < op.size && op.inserts[index] == null && op.lengths[index] < 0;
    }

    /** Takes up to {@code max} code points of the current skip or delete, appending them to {@code out} if given. */
    int takeCount(int max, Builder out) {
      int length = op.lengths[index];
      int remaining = Math.abs(length) - offset;
      int taken = Math.min(remaining, max);
      if (taken == remaining) {
        next();
      } else {
        offset += taken;
      }
      if (out != null) {
        if (length > 0) {
          out.skip(taken);
        } else {
          out.delete(taken);
        }
      }
      return taken;
    }

    void takeWholeDelete(Builder out) {
      out.delete(-op.lengths[index] - offset);
      next();
    }

    void takeWholeInsert(Builder out) {
      String text = op.inserts[index];
      out.insert(charOffset == 0 ? text : text.substring(charOffset), op.lengths[index] - offset);
      next();
    }

    /** Takes up to {@code max} code points of the current insert, appending them to {@code out} if given. */
    int takeInsert(int max, Builder out) {
      String text = op.inserts[index];
      int remaining = op.lengths[index] - offset;
      if (remaining <= max) {
        if (out != null) {
          out.insert(charOffset == 0 ? text : text.substring(charOffset), remaining);
        }
        next();
        return remaining;
      }
      int end = CodePoints.advance(text, charOffset, max);
      if (out != null) {
        out.insert(text.substring(charOffset, end), max);
      }
      charOffset = end;
      offset += max;
      return max;
    }

    void takeRest(Builder out) {
      while (!done()) {
        if (atInsert()) {
          takeWholeInsert(out);
        } else {
          takeCount(Integer.MAX_VALUE, out);
        }
      }
    }

    private void next() {
      index++;
      offset = 0;
      charOffset = 0;
    }
  }
}
