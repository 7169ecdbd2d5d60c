// Cluster passwords at rest: every job record holds the passwords of both clusters, and every syncer of a
// group must read them after a takeover, so they are encrypted (AES-256-GCM) with a key all the group's
// syncers are given (--secret_key_file), never stored in clear text. A stored password looks like
// `enc:v1:<base64 of iv | tag | ciphertext>`.

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { MetaStoreOpenError } from './errors.js';

const PREFIX = 'enc:v1:';

export class SecretBox {
  readonly #key: Buffer;

  constructor(keyMaterial: string) {
    // Any text of enough entropy works as a key file; it is hashed to the 256-bit key.
    if (keyMaterial.trim().length < 16)
      throw new MetaStoreOpenError(
        'the secret key must hold at least 16 characters (32 random bytes recommended)',
      );
    this.#key = createHash('sha256').update(keyMaterial.trim(), 'utf8').digest();
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  seal(plain: string): string {
    if (plain === '' || SecretBox.isSealed(plain)) return plain;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string): string {
    const plain = this.tryOpen(sealed);
    if (plain === undefined)
      throw new MetaStoreOpenError(
        'a stored cluster password cannot be decrypted: this syncer was given another --secret_key_file than the one that stored it',
      );
    return plain;
  }

  /** The password, or undefined when it was sealed with another key (or is damaged). */
  tryOpen(sealed: string): string | undefined {
    if (!SecretBox.isSealed(sealed)) return sealed;
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    if (raw.length < 28) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

/** The key from a file; created (random, mode 0600) when `create` and missing. */
export function loadSecretKey(path: string, create: boolean): SecretBox {
  if (!existsSync(path)) {
    if (!create)
      throw new MetaStoreOpenError(
        `secret key file ${path} does not exist (every syncer of a group needs the same one)`,
      );
    try {
      writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another syncer on the same file created it first: use that one.
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(path, 0o600);
  return new SecretBox(readFileSync(path, 'utf8'));
}
