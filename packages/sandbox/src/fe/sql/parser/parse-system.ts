// ALTER SYSTEM (backends) and CANCEL DECOMMISSION BACKEND, as Doris's grammar has them.
import type {
  AlterSystemStatement,
  BackendSpec,
  CancelDecommissionBackendStatement,
} from '../ast/admin-statements.js';
import type { TokenCursor } from './cursor.js';
import { parseOptionalProperties, parseString } from './parse-common.js';

function parseBackendList(c: TokenCursor): BackendSpec[] {
  const list = [parseString(c, '"host:heartbeat_port"')];
  while (c.acceptOp(',')) list.push(parseString(c, '"host:heartbeat_port"'));
  return list;
}

/** After `ALTER SYSTEM`. */
export function parseAlterSystem(c: TokenCursor): AlterSystemStatement {
  if (c.acceptWords('ADD', 'BACKEND')) {
    const backends = parseBackendList(c);
    // Tags (`"tag.location" = …`) are accepted and not used: the sandbox has one resource group.
    parseOptionalProperties(c);
    return { kind: 'AlterSystemStatement', clause: { kind: 'AddBackend', backends } };
  }
  if (c.acceptWords('DROP', 'BACKEND')) {
    return {
      kind: 'AlterSystemStatement',
      clause: { kind: 'DropBackend', force: false, backends: parseBackendList(c) },
    };
  }
  if (c.acceptWords('DROPP', 'BACKEND')) {
    return {
      kind: 'AlterSystemStatement',
      clause: { kind: 'DropBackend', force: true, backends: parseBackendList(c) },
    };
  }
  if (c.acceptWords('DECOMMISSION', 'BACKEND')) {
    return {
      kind: 'AlterSystemStatement',
      clause: { kind: 'DecommissionBackend', backends: parseBackendList(c) },
    };
  }
  const words: string[] = [];
  for (let i = 0; i < 2 && c.peek(i).type === 'word'; i++) words.push(c.peek(i).upper);
  if (words.length > 0) throw c.unsupported(`ALTER SYSTEM ${words.join(' ')}`);
  throw c.fail('ADD, DROP, DROPP or DECOMMISSION BACKEND');
}

/** After `CANCEL DECOMMISSION`. */
export function parseCancelDecommission(c: TokenCursor): CancelDecommissionBackendStatement {
  c.expectWord('BACKEND');
  return { kind: 'CancelDecommissionBackendStatement', backends: parseBackendList(c) };
}
