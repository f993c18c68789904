package app.knowledgenetwork.collabwebsocket.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextOperationTest {

  private static final String GRINNING = "\uD83D\uDE00"; // 😀, one code point, two UTF-16 units
  private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // 👨‍👩‍👧: five code points
  private static final String E_ACUTE_COMBINING = "e\u0301"; // é as two code points

  private static TextOperation op(Object... components) {
    return TextOperation.fromJson(Arrays.asList(components));
  }

  private static Map<String, Object> d(Object n) {
    return Map.of("d", n);
  }

  @Test
  void normalizesMergingAdjacentComponentsAndDroppingTheTrailingSkip() {
    TextOperation op = op(1, 2, "a", "b", d(1), d(2), 4);

    assertEquals(List.of(3, "ab", Map.of("d", 3)), op.toJson());
    assertEquals(op(3, "ab", d(3)), op);
    assertTrue(op(5).isNoop());
    assertTrue(op().isNoop());
  }

  @Test
  void keepsInsertAndDeleteInTheOrderGivenLikeTheNpmLibrary() {
    assertEquals(List.of(2, "x", Map.of("d", 1)), op(2, "x", d(1)).toJson());
    assertEquals(List.of(2, Map.of("d", 1), "x"), op(2, d(1), "x").toJson());
  }

  @Test
  void acceptsATextDeleteAsADeleteOfItsCodePoints() {
    TextOperation op = op(1, d("a" + GRINNING + "b"));

    assertEquals(List.of(1, Map.of("d", 3)), op.toJson());
    assertEquals("x", op.apply("xa" + GRINNING + "b"));
  }

  @Test
  void acceptsWholeNumbersOfAnyJsonNumberType() {
    assertEquals(List.of(2, "a"), op(2L, "a").toJson());
    assertEquals(List.of(2, "a"), op(2.0, "a").toJson());
    assertEquals(List.of(2, Map.of("d", 1)), op(new BigDecimal("2.00"), d(1L)).toJson());
  }

  @Test
  void refusesMalformedComponentsNamingThem() {
    assertMessage("component 1: a skip must be more than 0 code points, not 0", () -> op("a", 0));
    assertMessage("component 0: a skip must be more than 0 code points, not -3", () -> op(-3, "a"));
    assertMessage("component 0: a skip must be a whole number of code points, not 1.5", () -> op(1.5, "a"));
    assertMessage("component 0: a skip of 3000000000 code points is too long", () -> op(3_000_000_000L, "a"));
    assertMessage("component 2: an insert must not be empty", () -> op(1, "a", ""));
    assertMessage("component 0: a delete must be more than 0 code points, not 0", () -> op(d(0)));
    assertMessage("component 0: a delete must not be empty", () -> op(d("")));
    assertMessage("component 0: the insert holds an unpaired UTF-16 surrogate", () -> op("a\uD83D"));
    assertMessage("component 0: a delete's \"d\" must be a number of code points or the deleted text, not Boolean", () -> op(d(true)));
    assertMessage("component 1: a delete must be {\"d\": n}, not an object with keys [x]", () -> op(1, Map.of("x", 1)));
    assertMessage("component 0: must be a number (skip), a string (insert) or {\"d\": n} (delete), not Boolean", () -> op(true));
    assertMessage("component 1: must be a number (skip), a string (insert) or {\"d\": n} (delete), not null", () -> op(1, null));
    assertMessage("an operation must be a list of components, not null", () -> TextOperation.fromJson(null));
    Map<String, Object> nullDelete = new HashMap<>();
    nullDelete.put("d", null);
    assertMessage("component 0: a delete's \"d\" must be a number of code points or the deleted text, not null", () -> op(nullDelete));
  }

  @Test
  void refusesAnOperationSpanningMoreThanAnIntOfCodePoints() {
    assertMessage("the operation spans more than 2147483647 code points", () -> op(Integer.MAX_VALUE, "a", 5));
  }

  @Test
  void countsAstralCharactersAsOnePosition() {
    String doc = "a" + GRINNING + "b";

    assertEquals("a" + GRINNING + "Xb", op(2, "X").apply(doc));
    assertEquals("ab", op(1, d(1)).apply(doc));
    assertEquals("a" + GRINNING, op(2, d(1)).apply(doc));
    assertEquals(1, op(GRINNING).codePointsInserted());
    assertEquals(5, op(FAMILY).codePointsInserted());
    assertEquals(2, op(E_ACUTE_COMBINING).codePointsInserted());
  }

  @Test
  void refusesAnOperationLongerThanTheDocument() {
    String doc = "a" + GRINNING; // two code points, three UTF-16 units

    assertEquals("a" + GRINNING + "!", op(2, "!").apply(doc));
    assertMessage("the operation skips past the end of the document: it needs at least 3 code points, the document has 2",
        () -> op(3, "!").apply(doc));
    assertMessage("the operation deletes past the end of the document: it needs at least 3 code points, the document has 2",
        () -> op(1, d(2)).apply(doc));
  }

  @Test
  void transformsConcurrentInsertsAtOnePlaceByTheTieBreak() {
    TextOperation mine = op(1, "A");
    TextOperation theirs = op(1, "B");

    assertEquals(op(1, "A"), TextOperation.transform(mine, theirs, Side.LEFT));
    assertEquals(op(2, "A"), TextOperation.transform(mine, theirs, Side.RIGHT));
    assertEquals("xABy", TextOperation.transform(theirs, mine, Side.RIGHT).apply(mine.apply("xy")));
  }

  @Test
  void transformDoesNotDeleteTwiceAndKeepsTextInsertedInADeletedRange() {
    String doc = "0123456789";
    TextOperation deleteMiddle = op(2, d(6)); // 01|89
    TextOperation overlapping = op(4, d(4), "X"); // delete 4567, insert X before 8

    TextOperation after = TextOperation.transform(overlapping, deleteMiddle, Side.LEFT);
    assertEquals("01X89", after.apply(deleteMiddle.apply(doc)));
    TextOperation insideDeleted = op(5, GRINNING);
    assertEquals("01" + GRINNING + "89", TextOperation.transform(insideDeleted, deleteMiddle, Side.RIGHT).apply(deleteMiddle.apply(doc)));
  }

  @Test
  void composesIntoOneOperationDoingBoth() {
    String doc = "ab" + GRINNING + "cd";
    TextOperation a = op(1, "XY", 2, d(1));
    TextOperation b = op(2, d(2), GRINNING, 1, "Z");

    TextOperation both = TextOperation.compose(a, b);
    assertEquals(b.apply(a.apply(doc)), both.apply(doc));
    assertEquals(TextOperation.noop(), TextOperation.compose(op(1, "abc"), op(1, d(3))));
  }

  @Test
  void movesCursorsWithTextBeforeThem() {
    TextOperation op = op(1, "xx", 2, d(3));

    assertEquals(0, TextOperation.transformPosition(0, op));
    assertEquals(1, TextOperation.transformPosition(1, op), "text inserted at the cursor goes after it");
    assertEquals(4, TextOperation.transformPosition(2, op));
    assertEquals(5, TextOperation.transformPosition(3, op));
    assertEquals(5, TextOperation.transformPosition(5, op), "a cursor inside a deleted range lands at its start");
    assertEquals(8, TextOperation.transformPosition(9, op));
  }

  @Test
  void diffsNeverSplittingASurrogatePair() {
    String before = "note " + GRINNING + " end";
    String after = "note \uD83D\uDE01 end"; // 😁 shares its high surrogate with 😀

    TextOperation diff = TextOperation.diff(before, after);
    assertEquals(List.of(5, Map.of("d", 1), "\uD83D\uDE01"), diff.toJson());
    assertEquals(after, diff.apply(before));
    assertTrue(TextOperation.diff("same", "same").isNoop());
    assertEquals(List.of(Map.of("d", 3)), TextOperation.diff("abc", "").toJson());
    assertEquals(List.of(1, "aa"), TextOperation.diff("a", "aaa").toJson());
  }

  @Test
  void reportsSizesForLimits() {
    TextOperation op = op(2, GRINNING + "ab", d(4), 1, d(1));

    assertEquals(3, op.codePointsInserted());
    assertEquals(5, op.codePointsDeleted());
    assertEquals(8, op.minimumDocumentLength());
    assertEquals(8, op.lengthAfter(10));
    assertFalse(op.isNoop());
    assertEquals("[2,\"" + GRINNING + "ab\",{\"d\":4},1,{\"d\":1}]", op.toString());
  }

  @Test
  void buildsOperationsFromPositions() {
    assertEquals(op(3, "hi"), TextOperation.insert(3, "hi"));
    assertEquals(op("hi"), TextOperation.insert(0, "hi"));
    assertEquals(op(d(2)), TextOperation.delete(0, 2));
    assertTrue(TextOperation.delete(4, 0).isNoop());
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
    InvalidOperation error = assertThrows(InvalidOperation.class, executable);
    assertEquals(expected, error.getMessage());
  }
}
