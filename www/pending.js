// The verification in progress, kept in sessionStorage (this tab only,
// cleared when the tab closes): a reload between sending and checking the
// code continues the same verification, since a second start of the number
// is refused until its code expires. Forgotten once it is over.

const KEY = 'verify8x8.pending';

/** Keeps `{ sessionId, destination, channel, expiresAt }` of a sent code. */
export function remember(session, channel) {
  const { sessionId, destination, expiresAt } = session;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ sessionId, destination, channel, expiresAt }));
  } catch {
    // Storage disabled (private mode, quota): a reload then starts over.
  }
}

/** The kept verification, or null (none, unreadable, or its code expired). */
export function recall() {
  try {
    const kept = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (kept?.sessionId && kept.destination) return kept;
  } catch {
    // Unreadable: treated as none.
  }
  forget();
  return null;
}

/** Forgets the kept verification (VERIFIED, FAILED, EXPIRED, or unknown). */
export function forget() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}
