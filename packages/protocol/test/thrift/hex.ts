/** Joins hand-written hex fragments; `|` separators, spaces and `(comments)` are ignored. */
export function hex(...parts: string[]): Buffer {
  const text = parts
    .join('')
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s|]/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(text)) throw new Error(`bad hex: ${text}`);
  return Buffer.from(text, 'hex');
}
