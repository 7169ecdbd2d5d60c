// A MetaStore that seals the cluster passwords of every job record it writes and opens them when it reads
// (secret-box.ts), so no engine of the store ever holds a password in clear text. Without a key it refuses
// to store a password it cannot protect, unless the operator chose to (--insecure_plaintext_passwords).
import type { JobRecord } from '../model/job-record.js';
import { JobServiceError } from '../model/job-service.js';
import type { CreateGuard, Fence, MetaStore } from '../model/meta-store.js';
import type { Spec } from '../model/spec.js';
import type { SecretBox } from './secret-box.js';

export interface SealOptions {
  readonly box?: SecretBox;
  /** Store passwords in clear text when there is no key (explicit, logged at start-up). */
  readonly allowPlaintext?: boolean;
}

export function sealedStore(inner: MetaStore, options: SealOptions): MetaStore {
  const box = options.box;
  const sealSpec = (spec: Spec): Spec => {
    if (!spec.password) return spec;
    if (box) return { ...spec, password: box.seal(spec.password) };
    if (options.allowPlaintext) return spec;
    throw new JobServiceError(
      'cannot store a cluster password without a secret key: start the syncer with --secret_key_file ' +
        '(the same file on every syncer of the group), or with --insecure_plaintext_passwords',
    );
  };
  const openSpec = (spec: Spec): Spec =>
    box && spec.password ? { ...spec, password: box.open(spec.password) } : spec;
  const seal = (r: JobRecord): JobRecord => ({ ...r, src: sealSpec(r.src), dest: sealSpec(r.dest) });
  const open = (r: JobRecord): JobRecord => ({ ...r, src: openSpec(r.src), dest: openSpec(r.dest) });
  return new Proxy(inner, {
    get(target, property, receiver) {
      switch (property) {
        case 'createJob':
          return async (job: JobRecord, progress: string, refuse?: CreateGuard) =>
            target.createJob(seal(job), progress, refuse);
        case 'updateJob':
          return async (job: JobRecord, fence?: Fence) => target.updateJob(seal(job), fence);
        case 'getJob':
          return async (name: string) => {
            const job = await target.getJob(name);
            return job && open(job);
          };
        case 'listJobs':
          return async () => (await target.listJobs()).map(open);
        default: {
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}
