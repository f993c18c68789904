package app.knowledgenetwork.collabwebsocket.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The laws the server relies on: concurrent operations converge, compose is sequential apply, diff reproduces. */
class TextOperationProperties {

  record Concurrent(String document, TextOperation a, TextOperation b) {}

  record Sequential(String document, TextOperation a, TextOperation b) {}

  @Property(tries = 2000)
  void concurrentOperationsConvergeWhicheverArrivesFirst(@ForAll("concurrent") Concurrent edit) {
    String aThenB = TextOperation.transform(edit.b(), edit.a(), Side.RIGHT).apply(edit.a().apply(edit.document()));
    String bThenA = TextOperation.transform(edit.a(), edit.b(), Side.LEFT).apply(edit.b().apply(edit.document()));

    assertEquals(aThenB, bThenA);
  }

  @Property(tries = 2000)
  void composeDoesWhatApplyingBothDoes(@ForAll("sequential") Sequential edit) {
    String applied = edit.b().apply(edit.a().apply(edit.document()));

    assertEquals(applied, TextOperation.compose(edit.a(), edit.b()).apply(edit.document()));
  }

  @Property(tries = 2000)
  void diffTurnsBeforeIntoAfter(@ForAll("texts") String before, @ForAll("texts") String after) {
    assertEquals(after, TextOperation.diff(before, after).apply(before));
  }

  @Property(tries = 1000)
  void aCursorStaysInsideTheDocument(@ForAll("concurrent") Concurrent edit, @ForAll Random random) {
    int length = edit.document().codePointCount(0, edit.document().length());
    int cursor = random.nextInt(length + 1);
    String after = edit.a().apply(edit.document());

    int moved = TextOperation.transformPosition(cursor, edit.a());
    assertEquals(true, moved >= 0 && moved <= after.codePointCount(0, after.length()), "cursor " + cursor + " moved to " + moved);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.randomValue(random -> new RandomEdits(random).text(12));
  }

  @Provide
  Arbitrary<Concurrent> concurrent() {
    return Combinators.combine(texts(), Arbitraries.randoms())
        .as((document, random) -> {
          RandomEdits edits = new RandomEdits(random);
          return new Concurrent(document, edits.operation(document), edits.operation(document));
        });
  }

  @Provide
  Arbitrary<Sequential> sequential() {
    return Combinators.combine(texts(), Arbitraries.randoms())
        .as((document, random) -> {
          RandomEdits edits = new RandomEdits(random);
          TextOperation a = edits.operation(document);
          return new Sequential(document, a, edits.operation(a.apply(document)));
        });
  }
}
