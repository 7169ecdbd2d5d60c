// SET [GLOBAL|SESSION] var = value and SET NAMES: session variables are remembered (SHOW VARIABLES and
// @@var read them back); they do not change the sandbox's behaviour, as most of them would not in Doris
// for what the sandbox executes.
import type { StoredValue } from '../../types/doris-type.js';
import { dorisError } from '../mysql/session-types.js';
import type { Expression, SetNamesStatement, SetVariablesStatement } from '../sql/index.js';
import type { ExecContext } from './exec-context.js';
import { ok } from './result-helpers.js';

function constantValue(expr: Expression): StoredValue {
  switch (expr.kind) {
    case 'IntegerLiteral':
      return expr.value >= BigInt(Number.MIN_SAFE_INTEGER) && expr.value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(expr.value)
        : expr.value.toString();
    case 'DecimalLiteral':
      return expr.text;
    case 'StringLiteral':
      return expr.value;
    case 'BooleanLiteral':
      return expr.value ? 1 : 0;
    case 'NullLiteral':
      return null;
    case 'ColumnRef':
      // A bare word: SET autocommit = ON, SET sql_mode = STRICT_TRANS_TABLES.
      return expr.qualifier.length === 0 ? expr.name : `${expr.qualifier.join('.')}.${expr.name}`;
    case 'DefaultMarker':
      return null;
    case 'UnaryExpression':
      if (expr.operator === '-' && expr.operand.kind === 'IntegerLiteral') return Number(-expr.operand.value);
      break;
    default:
      break;
  }
  throw dorisError(`Unsupported value in SET: ${expr.kind}`);
}

export function setVariables(ctx: ExecContext, stmt: SetVariablesStatement) {
  for (const a of stmt.assignments) {
    const value = constantValue(a.value);
    const key = a.scope === 'USER' ? `@${a.name}` : a.name.toLowerCase();
    if (value === null) ctx.session.variables.delete(key);
    else ctx.session.variables.set(key, value);
  }
  return ok();
}

export function setNames(ctx: ExecContext, stmt: SetNamesStatement) {
  ctx.session.variables.set('character_set_client', stmt.charset);
  ctx.session.variables.set('character_set_results', stmt.charset);
  return ok();
}
