// Keeps a cluster password out of every error text this layer produces (behaviour §8.2: the Go syncer
// formats the DSN, password included, into connection-pool errors). We never format the password
// ourselves; this is the second line of defence for texts that come from elsewhere (server messages,
// driver errors, statements).

/** Passwords shorter than this are not searched for: masking every "abc" would corrupt the server
 * messages the syncer matches by substring (sql-surface.md §10), and such a password is no secret anyway. */
const MIN_REDACTED_LENGTH = 4;

export const REDACTED = '******';

export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < MIN_REDACTED_LENGTH || !text.includes(secret)) return text;
  return text.split(secret).join(REDACTED);
}

/** Scrubs the secret from an error's message and stack (the stack was rendered with the old message). */
export function redactError<E>(error: E, secret: string | undefined): E {
  if (error instanceof Error) {
    error.message = redactSecret(error.message, secret);
    if (typeof error.stack === 'string') error.stack = redactSecret(error.stack, secret);
  }
  return error;
}
