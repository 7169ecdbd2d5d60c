import type { Statement } from '../ast/statement.js';
import type { TokenCursor } from './cursor.js';
import { parsePropertyList } from './parse-common.js';
import { parseShowFrontendConfigTail } from './parse-show.js';

/** After `ADMIN`: `SHOW FRONTEND CONFIG …`, `SET [ALL] FRONTEND[S] CONFIG (…)`, `SET REPLICA STATUS PROPERTIES (…)`. */
export function parseAdmin(c: TokenCursor): Statement {
  if (c.acceptWords('SHOW', 'FRONTEND')) return parseShowFrontendConfigTail(c, true);
  if (c.acceptWords('SET', 'FRONTEND', 'CONFIG')) {
    return parseSetConfigTail(c, false);
  }
  if (c.acceptWords('SET', 'ALL', 'FRONTENDS', 'CONFIG')) {
    return parseSetConfigTail(c, true);
  }
  if (c.acceptWords('SET', 'REPLICA', 'STATUS')) {
    c.expectWord('PROPERTIES');
    return { kind: 'AdminSetReplicaStatusStatement', properties: parsePropertyList(c) };
  }
  const words: string[] = [];
  for (let i = 0; i < 2 && c.peek(i).type === 'word'; i++) words.push(c.peek(i).upper);
  if (words.length > 0) throw c.unsupported(`ADMIN ${words.join(' ')}`);
  throw c.fail('SHOW FRONTEND CONFIG or SET FRONTEND CONFIG');
}

function parseSetConfigTail(c: TokenCursor, allFrontends: boolean): Statement {
  const properties = parsePropertyList(c);
  // `ADMIN SET FRONTEND CONFIG (…) ALL` is the older spelling of the all-frontends form
  const all = allFrontends || c.acceptWord('ALL');
  return { kind: 'AdminSetFrontendConfigStatement', allFrontends: all, properties };
}
