// Turns the API's error codes (docs/graphql.md, "Errors") into sentences a person understands.
// Clients switch on `extensions.code` (and `reason`), never on messages; the server's message is kept
// where it names the problem a user can fix (a BAD_USER_INPUT names the argument, CONFLICT says why).

export type ApiError = { message?: string; extensions?: { code?: string; reason?: string } };

const REASONS: Record<string, string> = {
  ADMIN_REQUIRED: 'Only a platform administrator can do this.',
  MFA_REQUIRED: 'This needs a sign-in with your second factor: sign out, then sign in with your authenticator code.',
  ACCOUNT_DISABLED: 'This account has been disabled by an administrator.',
  SESSION_EXPIRED: 'Your sign-in is more than 12 hours old. Please sign in again.',
  MFA_LOCKED: 'Too many wrong codes in a row: your second factor is locked. Ask a platform administrator to unlock it.',
};

export function describeError(error: ApiError | undefined | null): string {
  const code = error?.extensions?.code;
  const reason = error?.extensions?.reason;
  const message = (error?.message ?? '').trim();
  if (reason && REASONS[reason]) return REASONS[reason];
  switch (code) {
    case 'UNAUTHENTICATED':
      return message && !/^unauthori[sz]ed$/i.test(message)
        ? `You are not signed in or the credentials are wrong: ${message}`
        : 'You are not signed in, or your sign-in has ended. Please sign in again.';
    case 'FORBIDDEN':
      return 'Your role in this workspace does not allow this.';
    case 'NOT_FOUND':
      return 'It does not exist, or you may not see it.';
    case 'CONFLICT':
      return message ? `Someone changed this at the same time, or it clashes with what exists: ${message}` : 'This clashes with a change made meanwhile. Reload and try again.';
    case 'BAD_USER_INPUT':
      return message ? `Please check what you typed: ${message}` : 'Please check what you typed.';
    case 'RATE_LIMITED':
      return message ? `Too many attempts: ${message}` : 'Too many attempts. Wait a little and try again.';
    case 'SEARCH_UNAVAILABLE':
      return 'Search is unavailable right now; everything else works. Try again in a moment.';
    case 'GRAPHQL_PARSE_FAILED':
    case 'GRAPHQL_VALIDATION_FAILED':
      return 'This page sent a request the server does not understand (a bug in the app). Reload the page; if it persists, report it.';
    case 'RESPONSE_LIMIT_EXCEEDED':
      return 'That asked for too much at once. Narrow it down and try again.';
    case 'INTERNAL_SERVER_ERROR':
      return message ? `The server failed: ${message}` : 'The server failed. Try again; if it persists, report it.';
    case 'NETWORK':
      return 'The server cannot be reached. Check your connection and try again.';
    case 'UNAVAILABLE':
      return message ? `The service is unavailable right now (${message}). Try again in a moment.` : 'The service is unavailable right now. Try again in a moment.';
    default:
      return message || 'Something went wrong.';
  }
}

/** An error of a GraphQL call, carrying the first error's code and a sentence for people. */
export class GqlError extends Error {
  readonly code: string;
  readonly reason?: string;
  constructor(error: ApiError) {
    super(describeError(error));
    this.name = 'GqlError';
    this.code = error.extensions?.code ?? 'UNKNOWN';
    this.reason = error.extensions?.reason;
  }
}

/** Collab close codes (docs/collab-protocol.md) as sentences; null when the client just reconnects quietly. */
export function describeCollabClose(code: number): string | null {
  switch (code) {
    case 4403: return 'You no longer have access to this document.';
    case 4404: return 'This document no longer exists or was moved to the trash.';
    case 4429: return 'Too many people have this document open. Retrying shortly.';
    case 4400: return 'The editor sent a request the server does not understand (a bug). Reload the page.';
    default: return null;
  }
}
