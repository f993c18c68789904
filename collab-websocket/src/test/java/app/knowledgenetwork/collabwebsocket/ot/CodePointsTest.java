package app.knowledgenetwork.collabwebsocket.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CodePointsTest {

  private static final char[] CHARS = {'a', 'b', 'é', '\uD83D', '\uDE00', '\uD840', '\uDC0B', '\u0301'};

  @Test
  void advancesLikeTheJdkEvenOverLoneSurrogates() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 5000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        text.append(CHARS[random.nextInt(CHARS.length)]);
      }
      String s = text.toString();
      int codePoints = s.codePointCount(0, s.length());
      int from = s.offsetByCodePoints(0, random.nextInt(codePoints + 1));
      int available = s.codePointCount(from, s.length());
      int count = random.nextInt(available + 3);

      int expected = count <= available ? Character.offsetByCodePoints(s, from, count) : -1;
      assertEquals(expected, CodePoints.advance(s, from, count), "advance(\"" + s + "\", " + from + ", " + count + ")");
    }
  }
}
