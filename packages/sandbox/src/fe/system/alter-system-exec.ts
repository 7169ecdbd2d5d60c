// ALTER SYSTEM ADD / DROP / DROPP / DECOMMISSION BACKEND, CANCEL DECOMMISSION BACKEND and ADMIN SET REPLICA
// STATUS, with Doris's checks and messages (SystemHandler, SystemInfoService, AdminSetReplicaStatusStmt).
// They change metadata only; the tablet scheduler (tablet-scheduler.ts) then moves replicas.
import type { Backend } from '../../be/backend.js';
import { checkPriv, type ExecContext } from '../exec/exec-context.js';
import { ok } from '../exec/result-helpers.js';
import { dorisError, SqlError, type StatementResult } from '../mysql/session-types.js';
import type {
  AdminSetReplicaStatusStatement,
  AlterSystemStatement,
  BackendSpec,
  CancelDecommissionBackendStatement,
} from '../sql/index.js';
import { assertNever } from '../sql/index.js';

interface HostPort {
  readonly host: string;
  readonly port: number;
}

function hostPort(spec: BackendSpec): HostPort {
  const text = spec.replace(/\s+/g, '');
  const at = text.lastIndexOf(':');
  if (text === '' || at <= 0) throw dorisError(`Invalid host port: ${spec}`);
  // Without FQDN mode Doris resolves a host name to its IP; the sandbox only ever resolves localhost.
  const named = text.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  const host = named === 'localhost' ? '127.0.0.1' : named;
  const portText = text.slice(at + 1);
  const port = Number(portText);
  if (!/^\d+$/.test(portText)) throw dorisError(`Invalid host port: ${spec}`);
  if (port <= 0 || port > 65535) throw dorisError(`Port is out of range: ${port}`);
  return { host, port };
}

/** A backend named by "host:heartbeat_port" or by its id; `missing` renders the error for an unknown one. */
function findBackend(ctx: ExecContext, spec: BackendSpec, missing: (what: string) => string): Backend {
  const text = spec.trim();
  if (/^\d+$/.test(text)) {
    const backend = ctx.fe.backends.get(BigInt(text));
    if (!backend) throw dorisError(missing(text));
    return backend;
  }
  const { host, port } = hostPort(text);
  const backend = ctx.fe.system.byHeartbeat(host, port);
  if (!backend) throw dorisError(missing(`${host}:${port}`));
  return backend;
}

export function alterSystem(ctx: ExecContext, s: AlterSystemStatement): StatementResult {
  checkPriv(ctx, 'NODE');
  const fe = ctx.fe;
  const clause = s.clause;
  switch (clause.kind) {
    case 'AddBackend': {
      const wanted = clause.backends.map(hostPort);
      for (const { host, port } of wanted) {
        if (fe.system.byHeartbeat(host, port))
          throw dorisError(`Same backend already exists[${host}:${port}]`);
      }
      fe.commit(() => {
        for (const { host, port } of wanted) fe.system.add(host, port);
      });
      return ok();
    }
    case 'DropBackend': {
      if (!clause.force) {
        throw dorisError(
          'It is highly NOT RECOMMENDED to use DROP BACKEND stmt.It is not safe to directly drop a backend. All data on this backend will be discarded permanently. If you insist, use DROPP BACKEND stmt (double P).',
        );
      }
      const dropped = clause.backends.map((spec) =>
        findBackend(ctx, spec, (what) => `backend does not exists[${what}]`),
      );
      fe.commit(() => {
        for (const backend of dropped) {
          backend.discardAll();
          fe.system.drop(backend);
        }
      });
      return ok();
    }
    case 'DecommissionBackend': {
      const backends = clause.backends.map((spec) =>
        findBackend(ctx, spec, (what) => `Backend does not exist[${what}]`),
      );
      fe.commit(() => {
        for (const backend of backends) backend.decommissioned = true;
        fe.system.save();
      });
      return ok();
    }
    default:
      return assertNever(clause, 'ALTER SYSTEM clause');
  }
}

export function cancelDecommission(ctx: ExecContext, s: CancelDecommissionBackendStatement): StatementResult {
  checkPriv(ctx, 'NODE');
  const backends = s.backends.map((spec) =>
    findBackend(ctx, spec, (what) => `Backend does not exist[${what}]`),
  );
  ctx.fe.commit(() => {
    for (const backend of backends) backend.decommissioned = false;
    ctx.fe.system.save();
  });
  return ok();
}

const REPLICA_STATUSES = ['bad', 'ok', 'drop'] as const;
type ReplicaStatus = (typeof REPLICA_STATUSES)[number];

/** Doris's MetaNotFoundException (InternalErrorCode META_NOT_FOUND_ERR = 7). */
function metaNotFound(message: string): SqlError {
  return new SqlError(`errCode = 7, detailMessage = ${message}`, 1105);
}

function parseId(text: string, what: string): bigint {
  if (!/^-?\d+$/.test(text.trim())) throw dorisError(`Invalid ${what} id format: ${text}`);
  return BigInt(text.trim());
}

export function adminSetReplicaStatus(ctx: ExecContext, s: AdminSetReplicaStatusStatement): StatementResult {
  checkPriv(ctx, 'ADMIN');
  let tabletId: bigint | undefined;
  let backendId: bigint | undefined;
  let status: ReplicaStatus | undefined;
  for (const { key, value } of s.properties) {
    const k = key.toLowerCase();
    if (k === 'tablet_id') tabletId = parseId(value, 'tablet');
    else if (k === 'backend_id') backendId = parseId(value, 'backend');
    else if (k === 'status') {
      const v = value.toLowerCase();
      if (!REPLICA_STATUSES.includes(v as ReplicaStatus))
        throw dorisError(`Do not support setting replica status as ${value}`);
      status = v as ReplicaStatus;
    } else throw dorisError(`Unknown property: ${key}`);
  }
  if (tabletId === undefined || backendId === undefined || status === undefined) {
    throw dorisError('Should add following properties: TABLET_ID, BACKEND_ID and STATUS');
  }
  const fe = ctx.fe;
  const location = fe.catalog.tablet(tabletId);
  const found = location && fe.catalog.table(location.tableId);
  if (!location || !found) throw metaNotFound('tablet does not exist');
  const replica = location.tablet.replicas.find((r) => r.backendId === backendId);
  if (!replica) throw metaNotFound(`replica does not exist on backend, beId=${backendId}`);
  fe.commit(() => {
    if (status === 'bad') replica.bad = true;
    else if (status === 'drop') replica.userDrop = true;
    else {
      delete replica.bad;
      delete replica.userDrop;
    }
    fe.catalog.saveTable(found.db, found.table);
  });
  return ok();
}
