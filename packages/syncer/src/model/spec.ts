// One side of a job: how to reach a Doris cluster and what to replicate there. Same JSON keys as the Go
// syncer's Spec, so job records and create_ccr bodies are interchangeable with it.
export interface FrontendAddress {
  readonly host: string;
  readonly port: string;
  readonly thrift_port: string;
  readonly is_master: boolean;
}

export interface Spec {
  readonly host: string;
  /** FE query (MySQL) port, as a string like the Go syncer's. */
  readonly port: string;
  /** FE rpc (thrift) port, as a string. */
  readonly thrift_port: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** Empty for a database-level job. */
  readonly table: string;
  readonly cluster: string;
  /** Private → public address map applied to FE/BE addresses this cluster reports. */
  readonly host_mapping?: Readonly<Record<string, string>>;
  /** Filled in by the syncer at creation. */
  readonly frontends?: readonly FrontendAddress[];
  readonly db_id?: string;
  readonly table_id?: string;
}

/** Why a spec is unusable, in the Go syncer's words, or undefined when it is valid. */
export function specProblem(spec: Partial<Spec> | undefined): string | undefined {
  if (!spec || typeof spec !== 'object') return 'spec is missing';
  if (!spec.host) return 'host is empty';
  // A host name or an IP address: no spaces, control characters, slashes or user@ parts, which would
  // reach a DNS lookup or a connection string.
  if (spec.host.length > 253 || !/^[A-Za-z0-9._:[\]-]+$/.test(spec.host))
    return `host is invalid: ${spec.host.slice(0, 100)}`;
  const port = Number(spec.port);
  if (!/^\d+$/.test(String(spec.port ?? '')) || port < 1 || port > 65535)
    return `port is invalid: ${spec.port ?? ''}`;
  const thrift = Number(spec.thrift_port);
  if (!/^\d+$/.test(String(spec.thrift_port ?? '')) || thrift < 1 || thrift > 65535) {
    return `thrift_port is invalid: ${spec.thrift_port ?? ''}`;
  }
  if (!spec.user) return 'user is empty';
  if (!spec.database) return 'database is empty';
  return undefined;
}

/** A spec without secrets, for logs and API answers. */
export function redactSpec(spec: Spec): Spec {
  return { ...spec, password: spec.password ? '******' : '' };
}
