package app.knowledgenetwork.collabwebsocket.ot;

/**
 * Positions in code points over Java's UTF-16 strings, scanned in place: documents are long and every
 * operation touches them, so nothing here copies a document into an int[] of code points.
 */
final class CodePoints {

  private CodePoints() {}

  /**
   * The char index {@code count} code points after {@code from}, or -1 when the text ends first. A lone surrogate
   * counts as one code point, as in {@link Character#offsetByCodePoints} (documents never hold one: they come from
   * UTF-8 text).
   *
   * <p>Rather than stepping one code point at a time, it takes {@code count} chars at once (each code point is at
   * least one), counts the surrogate pairs among them in a loop without early exit (two to three times faster over
   * long documents), and goes on for as many code points as there were pairs.
   */
  static int advance(String text, int from, int count) {
    int length = text.length();
    int position = from;
    int left = count;
    while (left > 0) {
      if (left > length - position) {
        return -1;
      }
      int end = position + left;
      int pairs = 0;
      char previous = text.charAt(position);
      for (int i = position + 1; i < end; i++) {
        char c = text.charAt(i);
        if (Character.isLowSurrogate(c) && Character.isHighSurrogate(previous)) {
          pairs++;
        }
        previous = c;
      }
      left = pairs;
      position = end;
      if (position < length && Character.isHighSurrogate(previous) && Character.isLowSurrogate(text.charAt(position))) {
        position++;
      }
    }
    return position;
  }

  /** The number of code points in {@code text}, or -1 when it holds an unpaired surrogate (which JSON can carry but UTF-8 cannot). */
  static int countStrict(String text) {
    int length = text.length();
    int count = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return -1;
        }
      } else if (Character.isLowSurrogate(c)) {
        return -1;
      }
      count++;
    }
    return count;
  }

  static int count(CharSequence text, int from, int to) {
    return Character.codePointCount(text, from, to);
  }
}
