// Finds the job engine at run time: `createJobEngine` exported by src/jobs/index.ts. Loading it
// dynamically keeps the CLI buildable and testable while the engine is written, and turns its absence
// into one clear startup error instead of a crash deep in an import chain.
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineStart } from './engine.js';

/** Points the daemon at another engine module (tests, experiments). */
export const ENGINE_MODULE_ENV = 'CCR_SYNCER_ENGINE_MODULE';
const DEFAULT_ENGINE_MODULE = new URL('../jobs/index.js', import.meta.url);

export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
}

export function engineModuleUrl(env: NodeJS.ProcessEnv = process.env): URL {
  const override = env[ENGINE_MODULE_ENV];
  return override ? pathToFileURL(resolve(override)) : DEFAULT_ENGINE_MODULE;
}

export async function loadJobEngine(env: NodeJS.ProcessEnv = process.env): Promise<EngineStart> {
  const url = engineModuleUrl(env);
  const path = fileURLToPath(url);
  let module: Record<string, unknown>;
  try {
    module = (await import(url.href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Only the engine module itself being absent is "not available"; a broken import inside it is a
    // bug to report as it is.
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(path)) {
      const hint = env[ENGINE_MODULE_ENV] ? '' : ' (the job engine, src/jobs/index.ts, is not built yet)';
      throw new EngineUnavailableError(`job engine not available: ${path} does not exist${hint}`);
    }
    throw error;
  }
  const create = module.createJobEngine;
  if (typeof create !== 'function') {
    throw new EngineUnavailableError(`job engine not available: ${path} does not export createJobEngine`);
  }
  return create as EngineStart;
}

/** An EngineStart that loads the engine first; what main.ts runs. */
export const startJobEngine: EngineStart = async (config, logger, context) => {
  const create = await loadJobEngine();
  return create(config, logger, context);
};
