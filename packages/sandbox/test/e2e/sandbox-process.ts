// The e2e tests drive the real binary through the package's process helper.
export { query, type ReadyInfo, SandboxProcess } from '../../src/process/sandbox-process.js';
