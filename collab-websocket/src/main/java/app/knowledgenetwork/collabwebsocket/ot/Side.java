package app.knowledgenetwork.collabwebsocket.ot;

/**
 * Which of two operations wins when both insert at the same place: the LEFT one's text ends up first.
 * The same tie-break as ot-text-unicode's {@code 'left'} / {@code 'right'}; the server transforms a late
 * operation with RIGHT over what was sequenced before it (ShareDB does the same), so earlier text stays first.
 */
public enum Side {
  LEFT,
  RIGHT
}
