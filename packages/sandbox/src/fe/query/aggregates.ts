// Aggregate functions as streaming accumulators: each group keeps O(1) state (O(distinct values) for
// DISTINCT), so aggregating a large table never holds its rows. Result types are Doris's (COUNT → BIGINT,
// SUM/AVG via the types layer's sumResultType/avgResultType); integer and decimal sums are exact.
import { avgResultType, type DorisType, InvalidTypeError, sumResultType } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import type { FunctionCall } from '../sql/index.js';
import type { Compiled } from './compiled.js';
import { formatScaled, integerValue, pow10, unscaledOfStored } from './decimal-math.js';
import {
  BIGINT,
  DOUBLE,
  type ExprType,
  INTEGER_BOUNDS,
  type IntegerKind,
  isIntegerType,
  isStringType,
  MAX_VARCHAR,
} from './expr-type.js';
import { wrongArity } from './query-errors.js';
import { compareForType, keyOf, rowKey, textOf, type Value } from './values.js';

export interface Accumulator {
  add(row: readonly Value[]): void;
  result(): Value;
}

export interface AggregateSpec {
  readonly type: ExprType;
  /** True for a plain COUNT(*), which a relation's row count can answer without a scan. */
  readonly countStar: boolean;
  create(): Accumulator;
}

/** Accumulates non-null values. */
interface ValueSink {
  add(value: Value): void;
  result(): Value;
}

function integerSum(kind: IntegerKind): () => ValueSink {
  const { min, max } = INTEGER_BOUNDS[kind];
  return () => {
    let small = 0;
    let big: bigint | undefined;
    let seen = false;
    return {
      add(value) {
        seen = true;
        const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
        if (big === undefined && typeof v === 'number') {
          const s = small + v;
          if (Number.isSafeInteger(s)) {
            small = s;
            return;
          }
        }
        big = (big ?? BigInt(small)) + BigInt(String(v));
      },
      result() {
        if (!seen) return null;
        if (big === undefined) return small;
        if (big < min || big > max) throw dorisError(`Number out of range[${big}]. type: ${kind}`);
        return integerValue(big);
      },
    };
  };
}

function decimalSum(argScale: number, out: DorisType & { kind: 'DECIMAL' }): () => ValueSink {
  const limit = pow10(out.precision);
  return () => {
    let total = 0n;
    let seen = false;
    return {
      add(value) {
        seen = true;
        total += unscaledOfStored(String(value));
      },
      result() {
        if (!seen) return null;
        const unscaled = total * pow10(out.scale - argScale);
        if (unscaled >= limit || unscaled <= -limit) {
          throw dorisError(`Arithmetic overflow when summing into decimal(${out.precision},${out.scale})`);
        }
        return formatScaled(unscaled, out.scale);
      },
    };
  };
}

const FLOAT_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function doubleSum(fromText: boolean): () => ValueSink {
  return () => {
    let total = 0;
    let seen = false;
    return {
      add(value) {
        if (fromText && !FLOAT_TEXT.test(String(value))) return;
        seen = true;
        total += Number(value);
      },
      result: () => (seen ? total : null),
    };
  };
}

function average(arg: ExprType, out: DorisType): () => ValueSink {
  if (out.kind === 'DECIMAL' && arg.kind === 'DECIMAL') {
    return () => {
      let total = 0n;
      let count = 0n;
      return {
        add(value) {
          total += unscaledOfStored(String(value));
          count++;
        },
        // truncated toward zero at the result scale, like Doris's decimal division
        result: () =>
          count === 0n ? null : formatScaled((total * pow10(out.scale - arg.scale)) / count, out.scale),
      };
    };
  }
  const exact = isIntegerType(arg) ? integerSum('LARGEINT') : doubleSum(isStringType(arg));
  return () => {
    const sum = exact();
    let count = 0;
    return {
      add(value) {
        sum.add(value);
        count++;
      },
      result() {
        const total = sum.result();
        return total === null || count === 0 ? null : Number(total) / count;
      },
    };
  };
}

function extreme(type: ExprType, wantMax: boolean): () => ValueSink {
  if (type.kind === 'JSON' || type.kind === 'ARRAY') {
    throw dorisError(`${wantMax ? 'max' : 'min'} does not support type ${type.kind}`);
  }
  const compare = compareForType(type);
  return () => {
    let best: Value = null;
    return {
      add(value) {
        if (best === null) best = value;
        else if (wantMax ? compare(value, best) > 0 : compare(value, best) < 0) best = value;
      },
      result: () => best,
    };
  };
}

function groupConcat(type: ExprType, separator: string): () => ValueSink {
  return () => {
    const parts: string[] = [];
    return {
      add(value) {
        parts.push(textOf(type, value));
      },
      result: () => (parts.length === 0 ? null : parts.join(separator)),
    };
  };
}

/** A sink fed only the first occurrence of each value: the DISTINCT form of SUM, AVG, GROUP_CONCAT. */
function distinctSink(type: ExprType, inner: () => ValueSink): () => ValueSink {
  return () => {
    const seen = new Set<string | number>();
    const sink = inner();
    return {
      add(value) {
        const key = keyOf(type, value);
        if (seen.has(key)) return;
        seen.add(key);
        sink.add(value);
      },
      result: () => sink.result(),
    };
  };
}

function typed<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InvalidTypeError) throw dorisError(error.message);
    throw error;
  }
}

function countSpec(call: FunctionCall, args: readonly Compiled[]): AggregateSpec {
  if (call.star) {
    return {
      type: BIGINT,
      countStar: true,
      create: () => {
        let n = 0;
        return { add: () => void n++, result: () => n };
      },
    };
  }
  const evaluators = args.map((a) => a.evaluate);
  const types = args.map((a) => a.type);
  if (!call.distinct && args.length !== 1)
    throw wrongArity(call.name, args.length, `${call.name}(Expression)`);
  return {
    type: BIGINT,
    countStar: false,
    create: () => {
      let n = 0;
      const seen = call.distinct ? new Set<string>() : undefined;
      return {
        add(row) {
          const values: Value[] = [];
          for (const evaluate of evaluators) {
            const v = evaluate(row);
            if (v === null) return;
            values.push(v);
          }
          if (seen !== undefined) {
            const key = rowKey(types, values);
            if (seen.has(key)) return;
            seen.add(key);
          }
          n++;
        },
        result: () => n,
      };
    },
  };
}

/** The sink factory and result type of a one-argument aggregate over values of `arg`. */
function valueAggregate(
  name: string,
  arg: Compiled,
  extra: readonly Compiled[],
): { type: ExprType; sink: () => ValueSink } {
  const type = arg.type;
  switch (name) {
    case 'sum': {
      if (type.kind === 'NULL') return { type: DOUBLE, sink: doubleSum(false) };
      const out = typed(() => sumResultType(type));
      if (out.kind === 'DECIMAL' && type.kind === 'DECIMAL')
        return { type: out, sink: decimalSum(type.scale, out) };
      if (out.kind === 'BIGINT' || out.kind === 'LARGEINT') return { type: out, sink: integerSum(out.kind) };
      return { type: out, sink: doubleSum(isStringType(type)) };
    }
    case 'avg': {
      if (type.kind === 'NULL') return { type: DOUBLE, sink: doubleSum(false) };
      const out = typed(() => avgResultType(type));
      return { type: out, sink: average(type, out) };
    }
    case 'min':
    case 'max':
      return { type, sink: extreme(type, name === 'max') };
    case 'group_concat': {
      const sep = extra[0];
      const separator = sep === undefined ? ', ' : String(sep.evaluate([]) ?? '');
      return { type: MAX_VARCHAR, sink: groupConcat(type, separator) };
    }
    default:
      throw dorisError(`Can not found function '${name}'`);
  }
}

/**
 * The aggregate `call` over compiled arguments.
 *
 * @throws SqlError for argument counts or types the function does not take.
 */
export function aggregateSpec(call: FunctionCall, args: readonly Compiled[]): AggregateSpec {
  const name = call.name.toLowerCase();
  if (name === 'count') return countSpec(call, args);
  const maxArgs = name === 'group_concat' ? 2 : 1;
  const [first, ...extra] = args;
  if (first === undefined || call.star || args.length > maxArgs) {
    throw wrongArity(call.name, call.star ? 1 : args.length, `${name}(Expression)`);
  }
  const { type, sink } = valueAggregate(name, first, extra);
  const factory = call.distinct ? distinctSink(first.type, sink) : sink;
  const evaluate = first.evaluate;
  return {
    type,
    countStar: false,
    create: () => {
      const s = factory();
      return {
        add(row) {
          const v = evaluate(row);
          if (v !== null) s.add(v);
        },
        result: () => s.result(),
      };
    },
  };
}
