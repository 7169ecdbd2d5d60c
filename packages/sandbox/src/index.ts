export type { Clock } from './clock.js';
export {
  type RunningSandbox,
  type SandboxBackendPorts,
  type SandboxOptions,
  startSandbox,
} from './sandbox.js';
