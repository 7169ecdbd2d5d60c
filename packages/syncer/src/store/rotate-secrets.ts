// Key rotation: every cluster password of the store re-sealed with a new key. All records are opened
// first, so a key that opens none of them changes nothing; a rotation cut short (a crash, a lost
// connection) is finished by running it again, since a password already sealed with the new key is
// recognised and left as it is.
import type { JobRecord } from '../model/job-record.js';
import type { MetaStore } from '../model/meta-store.js';
import type { Spec } from '../model/spec.js';
import { MetaStoreError } from './errors.js';
import { SecretBox } from './secret-box.js';

export interface RotationKeys {
  /** The key the passwords are sealed with now; absent when they were stored in clear text. */
  readonly current?: SecretBox;
  readonly next: SecretBox;
}

export interface RotationReport {
  readonly jobs: number;
  /** Passwords sealed with the new key by this run. */
  readonly resealed: number;
  /** Passwords a previous run had sealed with the new key already. */
  readonly alreadyRotated: number;
}

export class KeyRotationError extends MetaStoreError {
  override readonly name = 'KeyRotationError';
}

type Outcome = 'none' | 'resealed' | 'already';

function rotateSpec(job: string, side: string, spec: Spec, keys: RotationKeys): [Spec, Outcome] {
  const stored = spec.password;
  if (!stored) return [spec, 'none'];
  if (!SecretBox.isSealed(stored)) return [{ ...spec, password: keys.next.seal(stored) }, 'resealed'];
  if (keys.next.tryOpen(stored) !== undefined) return [spec, 'already'];
  const plain = keys.current?.tryOpen(stored);
  if (plain === undefined)
    throw new KeyRotationError(
      `the ${side} password of job ${job} opens with neither the current key nor the new one: ` +
        'give the key that sealed it as --secret_key_file (nothing was changed)',
    );
  return [{ ...spec, password: keys.next.seal(plain) }, 'resealed'];
}

export async function rotateSecrets(store: MetaStore, keys: RotationKeys): Promise<RotationReport> {
  const jobs = await store.listJobs();
  const changed: JobRecord[] = [];
  let resealed = 0;
  let alreadyRotated = 0;
  for (const job of jobs) {
    const [src, a] = rotateSpec(job.name, 'src', job.src, keys);
    const [dest, b] = rotateSpec(job.name, 'dest', job.dest, keys);
    for (const outcome of [a, b]) {
      if (outcome === 'resealed') resealed++;
      if (outcome === 'already') alreadyRotated++;
    }
    if (a === 'resealed' || b === 'resealed') changed.push({ ...job, src, dest });
  }
  // Only once every record opened: a wrong key fails above, before anything is written.
  for (const job of changed) await store.updateJob(job);
  return { jobs: jobs.length, resealed, alreadyRotated };
}
