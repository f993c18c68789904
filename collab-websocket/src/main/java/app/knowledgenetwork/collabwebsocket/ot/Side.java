package app.knowledgenetwork.collabwebsocket.ot;

/**
 * Which of two operations wins when both insert at the same place: the LEFT one's text ends up first.
 * The same tie-break as ot-text-unicode's {@code 'left'} / {@code 'right'}.
 *
 * <p>Server and clients must agree on it. ShareDB's server transforms a late operation with LEFT over those
 * sequenced before it (sharedb/lib/ot.js), and its client transforms its own unacknowledged operation with LEFT
 * over an incoming one and the incoming one with RIGHT over its own (sharedb/lib/client/doc.js): the late
 * operation's text goes first everywhere. A server following that convention converges with clients written the
 * way ShareDB's is.
 */
public enum Side {
  LEFT,
  RIGHT
}
