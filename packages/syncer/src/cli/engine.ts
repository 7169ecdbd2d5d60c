// What the daemon needs from the job engine: a function that starts it and hands back the JobService
// the HTTP API serves, plus a way to stop it. The engine lives in src/jobs and plugs in through
// engine-loader.ts; tests plug in fakes.
import type { Logger } from 'pino';
import type { FailpointRegistry } from '../api/failpoints.js';
import type { JobService } from '../model/job-service.js';
import type { SyncerConfig } from './syncer-config.js';

export interface RunningEngine {
  readonly service: JobService;
  /**
   * Resumes the stored jobs. The daemon calls it only once its API port is bound: jobs open outgoing
   * connections, and one of them could otherwise take the very port the API is about to listen on.
   */
  resume?(): Promise<void>;
  /** Stops every job after its current step; resolves once they have left it. */
  stop(): Promise<void>;
}

export interface EngineContext {
  /** Set with --enable_failpoints: the registry /failpoint writes to. */
  readonly failpoints: FailpointRegistry | undefined;
}

export type EngineStart = (
  config: SyncerConfig,
  logger: Logger,
  context: EngineContext,
) => Promise<RunningEngine>;
