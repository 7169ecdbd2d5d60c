// mysql_native_password: the scramble the server sends and the check of the client's answer.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SCRAMBLE_LENGTH = 20;

/**
 * A fresh 20-byte scramble. Like MySQL and Doris, every byte is a printable ASCII character: some clients
 * read the second part of the scramble as a NUL-terminated string, so a zero byte would cut it short.
 */
export function newScramble(): Buffer {
  const bytes = randomBytes(SCRAMBLE_LENGTH);
  for (let i = 0; i < bytes.length; i++) {
    // 94 printable characters from '!' (0x21) to '~' (0x7e); the bias of % 94 is harmless for a nonce.
    bytes[i] = 0x21 + ((bytes[i] ?? 0) % 94);
  }
  return bytes;
}

function sha1(...parts: Buffer[]): Buffer {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/**
 * The token a client that knows `password` answers to `scramble`:
 * SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))). An empty password is sent as an empty token.
 */
export function nativePasswordToken(password: string, scramble: Buffer): Buffer {
  if (password === '') return Buffer.alloc(0);
  const stage1 = sha1(Buffer.from(password, 'utf8'));
  const mask = sha1(scramble, sha1(stage1));
  const token = Buffer.alloc(SCRAMBLE_LENGTH);
  for (let i = 0; i < SCRAMBLE_LENGTH; i++) token[i] = (stage1[i] ?? 0) ^ (mask[i] ?? 0);
  return token;
}

/** True when `token` proves knowledge of `password`; only an empty token matches an empty password. */
export function verifyNativePassword(password: string, scramble: Buffer, token: Buffer): boolean {
  const expected = nativePasswordToken(password, scramble);
  return expected.length === token.length && timingSafeEqual(expected, token);
}

/**
 * Checks `token` against a stored password hash SHA1(SHA1(password)) (hex), so the server never needs
 * the password itself: SHA1(password) = token XOR SHA1(scramble + stored), and its SHA1 must be `stored`.
 */
export function verifyNativePasswordHash(storedHex: string, scramble: Buffer, token: Buffer): boolean {
  if (storedHex === '') return token.length === 0;
  if (token.length !== SCRAMBLE_LENGTH) return false;
  const stored = Buffer.from(storedHex, 'hex');
  const mask = sha1(scramble, stored);
  const stage1 = Buffer.alloc(SCRAMBLE_LENGTH);
  for (let i = 0; i < SCRAMBLE_LENGTH; i++) stage1[i] = (token[i] ?? 0) ^ (mask[i] ?? 0);
  return timingSafeEqual(sha1(stage1), stored);
}
