// Reading and building TStatus values, and the typed error a non-OK status becomes on the caller's side.
import type { TNetworkAddress, TStatus } from './schema/common.js';
import { StatusCode, statusCodeName } from './status-code.js';

export function okStatus(): TStatus {
  return { status_code: StatusCode.OK };
}

export function errorStatus(code: number, ...messages: string[]): TStatus {
  return { status_code: code, error_msgs: messages };
}

export function isOk(status: TStatus | undefined): boolean {
  return status !== undefined && status.status_code === StatusCode.OK;
}

export function statusMessage(status: TStatus | undefined): string {
  if (!status) return 'no status in result';
  const text = (status.error_msgs ?? []).join('; ');
  return text ? `${statusCodeName(status.status_code)}: ${text}` : statusCodeName(status.status_code);
}

/** A non-OK TStatus from a Doris FE or BE. NOT_MASTER carries where the master is, when the FE knows it. */
export class DorisStatusError extends Error {
  override readonly name = 'DorisStatusError';
  readonly code: number;
  readonly messages: readonly string[];
  readonly masterAddress: TNetworkAddress | undefined;

  constructor(method: string, status: TStatus | undefined, masterAddress?: TNetworkAddress) {
    super(`${method}: ${statusMessage(status)}`);
    this.code = status?.status_code ?? StatusCode.INTERNAL_ERROR;
    this.messages = status?.error_msgs ?? [];
    this.masterAddress = usableMasterAddress(this.code, masterAddress);
  }

  get codeName(): string {
    return statusCodeName(this.code);
  }

  get isNotMaster(): boolean {
    return this.code === StatusCode.NOT_MASTER;
  }
}

// Newer FEs omit the address when the master is unknown; older ones may send an empty host or port 0.
function usableMasterAddress(
  code: number,
  address: TNetworkAddress | undefined,
): TNetworkAddress | undefined {
  if (code !== StatusCode.NOT_MASTER || !address) return undefined;
  return address.hostname && address.port > 0 ? address : undefined;
}

/** Throws DorisStatusError unless the result's status is OK (or one of `accepted`). */
export function expectStatus<R extends { status?: TStatus; master_address?: TNetworkAddress }>(
  method: string,
  result: R,
  ...accepted: number[]
): R {
  const code = result.status?.status_code;
  if (code === StatusCode.OK || (code !== undefined && accepted.includes(code))) return result;
  throw new DorisStatusError(method, result.status, result.master_address);
}
