// One running BE "process" of a sandbox: the ports it listens on (heartbeat, be_port, webserver) and the
// backend it serves as. A process keeps running whether or not the FE has it registered, as a real BE does:
// a spare (started by `--spare-backends`, or left over after DROP BACKEND) answers on its ports as a BE
// holding no tablets until `ALTER SYSTEM ADD BACKEND "host:heartbeat_port"` gives it a backend id.
import type { Backend } from './backend.js';

export interface BackendPorts {
  heartbeatPort: number;
  bePort: number;
  httpPort: number;
}

/** Id of the identity an unregistered BE answers with: no replica ever names it (ids start near 10000). */
export const UNREGISTERED_BACKEND_ID = 0n;

export class BackendProcess {
  /**
   * The backend id whose tablet snapshots this process serves on /api/_tablet/_download: the last one it
   * was registered as. A BE dropped after a backup still serves that backup's snapshots, as the files stay
   * on a real BE's disk.
   */
  snapshotOwner: bigint;
  /** Starts the process's listeners on its ports (set by whoever runs the cluster). */
  open?: () => Promise<void>;
  /** Stops them; undefined while stopped. */
  close?: () => Promise<void>;

  constructor(
    readonly ports: BackendPorts,
    /** The backend served on these ports: a registered one, or an unregistered identity holding no tablets. */
    public backend: Backend,
  ) {
    this.snapshotOwner = backend.id;
  }

  get registered(): boolean {
    return this.backend.id !== UNREGISTERED_BACKEND_ID;
  }

  /** Copies the listening ports into the backend's address (what SHOW BACKENDS and getBackendMeta show). */
  bind(backend: Backend): void {
    backend.address.heartbeatPort = this.ports.heartbeatPort;
    backend.address.bePort = this.ports.bePort;
    backend.address.httpPort = this.ports.httpPort;
    this.backend = backend;
    if (backend.id !== UNREGISTERED_BACKEND_ID) this.snapshotOwner = backend.id;
  }
}
