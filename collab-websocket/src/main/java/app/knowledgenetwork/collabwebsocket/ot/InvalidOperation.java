package app.knowledgenetwork.collabwebsocket.ot;

import java.io.Serial;

/** A text operation that is malformed, or does not fit the document it is applied to; the message names the problem. */
public final class InvalidOperation extends IllegalArgumentException {

  @Serial private static final long serialVersionUID = 1L;

  public InvalidOperation(String message) {
    super(message);
  }
}
