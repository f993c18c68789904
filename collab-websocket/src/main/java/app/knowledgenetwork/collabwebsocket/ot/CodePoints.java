package app.knowledgenetwork.collabwebsocket.ot;

/**
 * Positions in code points over Java's UTF-16 strings, scanned in place: documents are long and every
 * operation touches them, so nothing here copies a document into an int[] of code points.
 */
final class CodePoints {

  private CodePoints() {}

  /**
   * The char index {@code count} code points after {@code from}, or -1 when the text ends first.
   * A lone surrogate counts as one code point (documents never hold one: they come from UTF-8 text).
   */
  static int advance(CharSequence text, int from, int count) {
    int length = text.length();
    int index = from;
    int left = count;
    while (left > 0) {
      if (index >= length) {
        return -1;
      }
      char c = text.charAt(index++);
      if (Character.isHighSurrogate(c) && index < length && Character.isLowSurrogate(text.charAt(index))) {
        index++;
      }
      left--;
    }
    return index;
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
