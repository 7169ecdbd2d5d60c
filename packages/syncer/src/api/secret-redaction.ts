// Removes secrets from documents the API hands out. Job records hold cluster passwords in clear text and
// the Go syncer returns them from /job_detail (syncer-behaviour.md §8 item 2); this walks the whole
// document so a password nested anywhere (a spec inside progress data, say) is masked too.
const SECRET_KEY = /password|passwd|secret|token/i;
export const REDACTED = '******';

export function redactSecrets<T>(value: T): T {
  return redact(value) as T;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    copy[key] =
      SECRET_KEY.test(key) && typeof member === 'string' ? (member ? REDACTED : '') : redact(member);
  }
  return copy;
}
