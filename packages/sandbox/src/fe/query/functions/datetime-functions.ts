// Date and time functions. NOW() and friends read the statement's clock (EvalEnvironment.nowMs), so every
// call in one statement sees the same instant; date arguments may be dates, datetimes or date text.
import type { DorisType } from '../../../types/index.js';
import { type Compiled, constant } from '../compiled.js';
import {
  type DateTimeParts,
  dateFormat,
  dayNumber,
  formatDate,
  formatDateTime,
  nowParts,
  parseDateTime,
  partsOf,
  weekday,
} from '../datetime.js';
import { DATE, type ExprType, INT, isTemporalType, MAX_VARCHAR, SMALLINT, TINYINT } from '../expr-type.js';
import type { EvalEnvironment } from '../relation.js';
import { textOf, type Value } from '../values.js';
import { arg, type ScalarFunction, strict } from './function-def.js';

/** A reader of date parts for values of `type`; undefined parts mean the value is no valid date (NULL). */
function partsReader(type: ExprType): (value: Value) => DateTimeParts | undefined {
  if (isTemporalType(type)) return (value) => partsOf(String(value));
  return (value) => parseDateTime(textOf(type, value));
}

/** The scale argument of NOW(n) / CURRENT_TIMESTAMP(n): 0..6. */
function scaleArgument(args: readonly Compiled[]): number {
  const first = args[0];
  if (first === undefined) return 0;
  const n = Math.trunc(Number(first.evaluate([])));
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), 6) : 0;
}

function now(args: readonly Compiled[], env: EvalEnvironment): Compiled {
  const scale = scaleArgument(args);
  const type: DorisType = { kind: 'DATETIME', scale };
  return constant(type, formatDateTime(nowParts(env), scale));
}

/** A function of one date argument. */
function datePart(
  name: string,
  type: ExprType,
  fn: (p: DateTimeParts) => Value,
  aliases?: string[],
): ScalarFunction {
  const bind = (args: readonly Compiled[]): Compiled => {
    const read = partsReader(arg(args, 0).type);
    return strict(args, type, ([v]) => {
      const parts = read(v ?? null);
      return parts === undefined ? null : fn(parts);
    });
  };
  return aliases === undefined ? { name, arity: [1, 1], bind } : { name, aliases, arity: [1, 1], bind };
}

export const DATETIME_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'now',
    aliases: ['current_timestamp', 'localtime', 'localtimestamp', 'sysdate'],
    arity: [0, 1],
    bind: now,
  },
  {
    name: 'curdate',
    aliases: ['current_date'],
    arity: [0, 0],
    bind: (_args, env) => constant(DATE, formatDate(nowParts(env))),
  },
  {
    // the sandbox has no TIME type: the value is sent as text, which is what a client sees anyway
    name: 'curtime',
    aliases: ['current_time'],
    arity: [0, 0],
    bind: (_args, env) => constant(MAX_VARCHAR, formatDateTime(nowParts(env)).slice(11)),
  },
  {
    name: 'date_format',
    arity: [2, 2],
    bind: (args) => {
      const read = partsReader(arg(args, 0).type);
      const formatType = arg(args, 1).type;
      return strict(args, MAX_VARCHAR, ([v, format]) => {
        const parts = read(v ?? null);
        return parts === undefined ? null : dateFormat(parts, textOf(formatType, format ?? ''));
      });
    },
  },
  datePart('year', SMALLINT, (p) => p.year),
  datePart('quarter', TINYINT, (p) => Math.floor((p.month - 1) / 3) + 1),
  datePart('month', TINYINT, (p) => p.month),
  datePart('day', TINYINT, (p) => p.day, ['dayofmonth']),
  datePart('hour', TINYINT, (p) => p.hour),
  datePart('minute', TINYINT, (p) => p.minute),
  datePart('second', TINYINT, (p) => p.second),
  datePart('dayofweek', TINYINT, (p) => weekday(p) + 1),
  datePart('dayofyear', SMALLINT, (p) => dayNumber(p) - dayNumber({ ...p, month: 1, day: 1 }) + 1),
  datePart('to_date', DATE, (p) => formatDate(p), ['date']),
  {
    name: 'datediff',
    arity: [2, 2],
    bind: (args) => {
      const readA = partsReader(arg(args, 0).type);
      const readB = partsReader(arg(args, 1).type);
      return strict(args, INT, ([a, b]) => {
        const x = readA(a ?? null);
        const y = readB(b ?? null);
        return x === undefined || y === undefined ? null : dayNumber(x) - dayNumber(y);
      });
    },
  },
];
