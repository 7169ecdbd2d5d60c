// A job's work before its clusters are reachable. A job whose launch fails (a cluster down when the daemon
// starts, a host mapping changed) is not dropped: its runner keeps trying to connect with the same
// retry policy as any step (connection failures are transient, so it tries for as long as they last),
// and once both clusters answer, the job's real work takes over. Until then the API lists the job and
// answers for it, saying it is not connected yet.
import type { ClusterAccess } from './cluster-access.js';
import type { ErrorAction, SyncScope } from './job-errors.js';
import type { JobWork, StepResult } from './job-runner.js';

export interface Connected {
  readonly src: ClusterAccess;
  readonly dest: ClusterAccess;
  readonly work: JobWork;
}

export class JobLauncher implements JobWork {
  private inner: JobWork | undefined;

  constructor(
    private readonly open: () => Promise<Connected>,
    private readonly onConnected: (connected: Connected) => void,
    private readonly fallback: Pick<JobWork, 'recordError' | 'clearError' | 'pause'>,
  ) {}

  get connected(): boolean {
    return this.inner !== undefined;
  }

  async step(): Promise<StepResult> {
    if (!this.inner) {
      const connected = await this.open();
      this.inner = connected.work;
      this.onConnected(connected);
      return 'progressed';
    }
    return this.inner.step();
  }

  escalate(action: 'needs_full_sync' | 'needs_partial_sync', reason: string, scope?: SyncScope) {
    if (!this.inner) return Promise.resolve();
    return this.inner.escalate(action, reason, scope);
  }

  recordError(message: string, at: number, action: ErrorAction) {
    return (this.inner ?? this.fallback).recordError(message, at, action);
  }

  clearError() {
    return (this.inner ?? this.fallback).clearError();
  }

  pause(reason: string) {
    return (this.inner ?? this.fallback).pause(reason);
  }
}
