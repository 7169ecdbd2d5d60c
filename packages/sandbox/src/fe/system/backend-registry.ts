// The cluster's backends as the FE's SystemInfoService knows them (registered, with ids, ports and the
// decommission flag) and the BE processes this sandbox runs (registered or spare). Both are persisted in the
// data dir, so a restarted sandbox gives every BE the ports it had unless the operator names new ones.
import type { Backend, BackendAddress } from '../../be/backend.js';
import { type BackendPorts, BackendProcess, UNREGISTERED_BACKEND_ID } from '../../be/backend-process.js';
import type { MetaStore } from '../../storage/meta-store.js';

interface BackendRecord {
  readonly id: string;
  /** The host ADD BACKEND named (absent: the sandbox's own host). */
  readonly host?: string;
  readonly heartbeatPort: number;
  readonly bePort: number;
  readonly httpPort: number;
  readonly decommissioned: boolean;
  /** Whether this sandbox runs a process for it (false: added with an address nothing here serves). */
  readonly process: boolean;
}

export interface RegistryStart {
  /**
   * Registered BEs to run at least: a new cluster registers this many (default 1); a restart runs every
   * BE it ran before and registers more if it has fewer than this.
   */
  readonly running?: number;
  /** Unregistered BE processes to run; undefined keeps the ones the data dir remembers. */
  readonly spares?: number;
}

export type BackendFactory = (address: BackendAddress, like?: Backend) => Backend;

const NO_PORTS = (): BackendPorts => ({ heartbeatPort: 0, bePort: 0, httpPort: 0 });

export class BackendRegistry {
  /** Registered backends by id (Doris's idToBackend). */
  readonly registered = new Map<bigint, Backend>();
  /** The BE processes this sandbox runs, registered ones first. */
  readonly processes: BackendProcess[] = [];

  constructor(
    private readonly store: MetaStore,
    private readonly host: string,
    private readonly make: BackendFactory,
    private readonly allocId: () => bigint,
  ) {}

  /** Loads the persisted backends and spare processes (call inside a store transaction). */
  load(start: RegistryStart): void {
    const records = this.readRecords();
    const wanted = start.running ?? (records.length === 0 ? 1 : 0);
    for (let running = records.filter((r) => r.process).length; running < wanted; running++) {
      records.push({ id: this.allocId().toString(), ...NO_PORTS(), decommissioned: false, process: true });
    }
    for (const record of records) {
      const backend = this.make({
        id: BigInt(record.id),
        host: record.host ?? this.host,
        heartbeatPort: record.heartbeatPort,
        bePort: record.bePort,
        httpPort: record.httpPort,
        brpcPort: 0,
      });
      backend.decommissioned = record.decommissioned;
      // A backend added at an address no process of this sandbox serves stays down, as in Doris.
      backend.alive = record.process;
      this.registered.set(backend.id, backend);
      if (backend.alive) {
        this.processes.push(
          new BackendProcess(
            { heartbeatPort: record.heartbeatPort, bePort: record.bePort, httpPort: record.httpPort },
            backend,
          ),
        );
      }
    }
    const spares = this.readSpares();
    const count = start.spares ?? spares.length;
    for (let i = 0; i < count; i++) this.processes.push(this.spareProcess(spares[i] ?? NO_PORTS()));
    this.save();
  }

  private spareProcess(ports: BackendPorts): BackendProcess {
    return new BackendProcess(
      { ...ports },
      this.make({ id: UNREGISTERED_BACKEND_ID, host: this.host, ...ports, brpcPort: 0 }),
    );
  }

  spares(): BackendProcess[] {
    return this.processes.filter((p) => !p.registered);
  }

  byHeartbeat(host: string, heartbeatPort: number): Backend | undefined {
    for (const b of this.registered.values()) {
      if (b.address.host === host && b.address.heartbeatPort === heartbeatPort) return b;
    }
    return undefined;
  }

  /**
   * ALTER SYSTEM ADD BACKEND: a new backend id for the BE listening on host:heartbeatPort. A spare process
   * there becomes that backend (alive); an address nothing here listens on is registered but down, as a
   * real FE registers a BE it cannot heartbeat yet.
   */
  add(host: string, heartbeatPort: number): Backend {
    const process = this.processes.find((p) => !p.registered && p.ports.heartbeatPort === heartbeatPort);
    const id = this.allocId();
    const ports = process?.ports ?? { ...NO_PORTS(), heartbeatPort };
    const backend = this.make({ id, host, ...ports, brpcPort: 0 }, process?.backend);
    backend.alive = process !== undefined && (host === this.host || this.host === '0.0.0.0');
    if (process && backend.alive) process.bind(backend);
    this.registered.set(id, backend);
    this.save();
    return backend;
  }

  /** DROP BACKEND: the FE forgets it; its process (if this sandbox runs it) keeps running as a spare. */
  drop(backend: Backend): void {
    this.registered.delete(backend.id);
    const process = this.processes.find((p) => p.backend === backend);
    if (process)
      process.bind(
        this.make({ id: UNREGISTERED_BACKEND_ID, host: this.host, ...process.ports, brpcPort: 0 }, backend),
      );
    this.save();
  }

  /** Persists ids, ports and flags of registered backends and the ports of spare processes. */
  save(): void {
    const records: BackendRecord[] = [...this.registered.values()].map((b) => ({
      id: b.id.toString(),
      ...(b.address.host === this.host ? {} : { host: b.address.host }),
      heartbeatPort: b.address.heartbeatPort,
      bePort: b.address.bePort,
      httpPort: b.address.httpPort,
      decommissioned: b.decommissioned,
      process: this.processes.some((p) => p.backend === b),
    }));
    this.store.setKv('backends', JSON.stringify(records));
    this.store.setKv('spare_backends', JSON.stringify(this.spares().map((p) => ({ ...p.ports }))));
  }

  private readRecords(): BackendRecord[] {
    const text = this.store.getKv('backends');
    if (!text) return [];
    // Data dirs from before ports were kept hold a list of ids.
    return (JSON.parse(text) as Array<string | BackendRecord>).map((r) =>
      typeof r === 'string' ? { id: r, ...NO_PORTS(), decommissioned: false, process: true } : r,
    );
  }

  private readSpares(): BackendPorts[] {
    const text = this.store.getKv('spare_backends');
    return text ? (JSON.parse(text) as BackendPorts[]) : [];
  }
}
