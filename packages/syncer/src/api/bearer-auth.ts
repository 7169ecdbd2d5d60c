// Optional bearer-token check for the endpoints that change something. The Go syncer has no
// authentication at all (syncer-operations.md §6 item 1); without a token configured this one behaves
// the same, so existing scripts keep working.
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(text: string): Buffer {
  // Hashing first gives equal-length inputs, so the comparison time says nothing about the token.
  return createHash('sha256').update(text).digest();
}

export function bearerTokenMatches(header: string | undefined, token: string): boolean {
  if (header === undefined) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), digest(token));
}
