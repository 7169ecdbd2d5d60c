export type { Clock } from './clock.js';
export { query, type ReadyInfo, SandboxProcess } from './process/sandbox-process.js';
export {
  type RunningSandbox,
  type SandboxBackendPorts,
  type SandboxOptions,
  startSandbox,
} from './sandbox.js';
