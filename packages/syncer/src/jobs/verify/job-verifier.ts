// The engine's verifications: one at a time per job, the last result of each job kept for /verify_result,
// and a `verify` event in the job's event log when one ends.
import type { JobEventBody } from '../../model/job-events.js';
import { JobServiceError } from '../../model/job-service.js';
import type { VerifyResult } from '../../model/verify-result.js';
import { clusterFailure } from '../cluster-failure.js';
import { isSnapshotState } from '../job-state.js';
import type { LiveJob } from '../job-views.js';
import type { Clock, Sleeper } from '../runtime.js';
import { runVerify } from './verify-run.js';
import { verifyTargets } from './verify-targets.js';

export interface JobVerifierDeps {
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  /** Longest wait for a job to apply the seq the source was measured at (tests shorten it). */
  readonly reachMs?: number;
  record(job: string, body: JobEventBody): void;
  log(level: 'info' | 'warn', message: string, job: string): void;
}

export class JobVerifier {
  private readonly running = new Set<string>();
  private readonly last = new Map<string, VerifyResult>();

  constructor(private readonly deps: JobVerifierDeps) {}

  /** Verifies a job this syncer runs (`current` finds it again: a relaunch replaces the live job). */
  async verify(
    job: LiveJob,
    current: () => LiveJob | undefined,
    tables?: readonly string[],
  ): Promise<VerifyResult> {
    const name = job.record.name;
    const state = job.progress.position.state;
    if (isSnapshotState(state))
      throw new JobServiceError(
        `job ${name} is in ${state}: its target is being copied; verify once it replays binlogs`,
        409,
      );
    const src = job.src;
    const dest = job.dest;
    if (!src || !dest)
      throw new JobServiceError(`job ${name} is not connected to its clusters yet; try again shortly`, 503);
    const targets = verifyTargets(job.record, job.progress, tables);
    if (this.running.has(name))
      throw new JobServiceError(`a verification of job ${name} is running already`, 409);
    this.running.add(name);
    try {
      const live = () => current() ?? job;
      const sides = [
        { side: 'src' as const, spec: job.record.src },
        { side: 'dest' as const, spec: job.record.dest },
      ];
      const result = await runVerify(
        {
          record: job.record,
          progress: () => live().progress,
          src,
          dest,
          hold: job.hold,
          blocked: () => blockedReason(live()),
          poke: () => live().runner.poke(),
        },
        targets,
        {
          clock: this.deps.clock,
          sleeper: this.deps.sleeper,
          ...(this.deps.reachMs === undefined ? {} : { reachMs: this.deps.reachMs }),
        },
      ).catch((error: unknown) => {
        throw clusterFailure(error, sides, 502);
      });
      this.last.set(name, result);
      this.deps.record(name, {
        kind: 'verify',
        matched: result.matched,
        commit_seq: result.commit_seq,
        tables: result.tables.length,
        different: result.tables.filter((t) => t.settled && !t.match).map((t) => t.table),
        unsettled: result.tables.filter((t) => !t.settled).map((t) => t.table),
      });
      this.deps.log(
        result.matched ? 'info' : 'warn',
        `verification: ${result.matched ? 'target matches' : `${result.differences} table(s) differ, ${result.unsettled} unsettled`} at source commit seq ${result.commit_seq} (${result.attempts} round(s))`,
        name,
      );
      return result;
    } finally {
      this.running.delete(name);
    }
  }

  result(name: string): VerifyResult | null {
    return this.last.get(name) ?? null;
  }

  forget(name: string): void {
    this.last.delete(name);
  }
}

/** Why a job cannot apply more binlogs now, or undefined when it can. */
function blockedReason(job: LiveJob): string | undefined {
  if (job.record.state === 'paused' || job.runner.status === 'paused') return 'paused';
  const state = job.progress.position.state;
  if (isSnapshotState(state)) return `in ${state}`;
  return undefined;
}
