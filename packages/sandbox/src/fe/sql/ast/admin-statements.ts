import type { Property } from './names.js';

/** `ADMIN SET FRONTEND CONFIG ("k" = "v")` or `ADMIN SET ALL FRONTENDS CONFIG (…)` (`allFrontends`). */
export interface AdminSetFrontendConfigStatement {
  readonly kind: 'AdminSetFrontendConfigStatement';
  readonly allFrontends: boolean;
  readonly properties: readonly Property[];
}

/** `ADMIN SET REPLICA STATUS PROPERTIES ("tablet_id" = …, "backend_id" = …, "status" = "bad|ok|drop")`. */
export interface AdminSetReplicaStatusStatement {
  readonly kind: 'AdminSetReplicaStatusStatement';
  readonly properties: readonly Property[];
}

/** A backend named in ALTER SYSTEM / CANCEL DECOMMISSION: `"host:heartbeat_port"` or `"backend_id"`. */
export type BackendSpec = string;

export type AlterSystemClause =
  | { readonly kind: 'AddBackend'; readonly backends: readonly BackendSpec[] }
  /** `DROP BACKEND` is refused as Doris refuses it; `DROPP BACKEND` (`force`) drops. */
  | { readonly kind: 'DropBackend'; readonly force: boolean; readonly backends: readonly BackendSpec[] }
  | { readonly kind: 'DecommissionBackend'; readonly backends: readonly BackendSpec[] };

/** `ALTER SYSTEM ADD | DROP | DROPP | DECOMMISSION BACKEND "host:port"[, …]`. */
export interface AlterSystemStatement {
  readonly kind: 'AlterSystemStatement';
  readonly clause: AlterSystemClause;
}

/** `CANCEL DECOMMISSION BACKEND "host:port"[, …]`. */
export interface CancelDecommissionBackendStatement {
  readonly kind: 'CancelDecommissionBackendStatement';
  readonly backends: readonly BackendSpec[];
}
