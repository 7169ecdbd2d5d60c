// + - * / % DIV with Doris's result types (TypeCoercionUtils.processBinaryArithmetic and the arithmetic
// expressions' getDataType): integers stay exact and +, -, * promote to the next wider integer (INT + INT is
// BIGINT); any float makes the result DOUBLE; decimals follow the DECIMALV3 precision/scale rules; `/` on
// integers is DOUBLE. Division or modulo by zero is NULL.
import type { DorisType } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import { type Compiled, combine, computed, constant, constantValue } from './compiled.js';
import {
  type Exact,
  fitsPrecision,
  formatScaled,
  integerValue,
  pow10,
  rescaleHalfUp,
  unscaledOfStored,
} from './decimal-math.js';
import {
  asDecimal,
  BIGINT,
  DOUBLE,
  decimalType,
  type ExprType,
  INTEGER_BOUNDS,
  type IntegerKind,
  isFloatType,
  isIntegerType,
  isStringType,
  isTemporalType,
  MAX_PRECISION,
  promoteInteger,
  TINYINT,
  widerInteger,
} from './expr-type.js';
import { numericLiteralFromText } from './literals.js';
import type { Value } from './values.js';

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%' | 'DIV';

/** Div_precision_increment: the extra fraction digits of a decimal quotient (Doris's default, 4). */
const DIV_PRECISION_INCREMENT = 4;

const FLOAT_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * An operand as a number: BOOLEAN computes as TINYINT 0/1, a string literal as the number it spells, other
 * strings as DOUBLE (NULL when they are no number), dates as their digits (20240105).
 */
export function numericOperand(operand: Compiled): Compiled {
  const { type } = operand;
  if (type.kind === 'NULL' || isIntegerType(type) || isFloatType(type) || type.kind === 'DECIMAL')
    return operand;
  const { evaluate } = operand;
  if (type.kind === 'BOOLEAN') {
    return combine([operand], TINYINT, (row) => {
      const v = evaluate(row);
      return v === null ? null : v === true || (v !== false && Number(v) !== 0) ? 1 : 0;
    });
  }
  if (isStringType(type)) {
    if (operand.isConstant) {
      const value = constantValue(operand);
      if (value === null) return constant(TINYINT, null);
      const literal = numericLiteralFromText(String(value));
      if (literal === undefined)
        throw dorisError(`string literal '${String(value)}' cannot be cast to double`);
      return literal;
    }
    return computed(DOUBLE, (row) => {
      const v = evaluate(row);
      return v === null || !FLOAT_TEXT.test(String(v)) ? null : Number(v);
    });
  }
  if (isTemporalType(type)) {
    return combine([operand], BIGINT, (row) => {
      const v = evaluate(row);
      return v === null ? null : integerValue(BigInt(String(v).replace(/\D/g, '').slice(0, 14)));
    });
  }
  throw dorisError(`${type.kind} can not be used in arithmetic`);
}

function resultType(op: ArithmeticOperator, l: DorisType, r: DorisType): DorisType {
  if (op === 'DIV') {
    return isIntegerType(l) && isIntegerType(r) ? { kind: widerInteger(l.kind, r.kind) } : BIGINT;
  }
  if (isFloatType(l) || isFloatType(r)) return DOUBLE;
  if (l.kind === 'DECIMAL' || r.kind === 'DECIMAL') return decimalResultType(op, l, r);
  if (op === '/') return DOUBLE;
  const kind = widerInteger((l as { kind: IntegerKind }).kind, (r as { kind: IntegerKind }).kind);
  return op === '%' ? { kind } : { kind: promoteInteger(kind) };
}

function decimalResultType(op: ArithmeticOperator, left: DorisType, right: DorisType): DorisType {
  const a = asDecimal(left);
  const b = asDecimal(right);
  const scale = Math.max(a.scale, b.scale);
  const integral = Math.max(a.precision - a.scale, b.precision - b.scale);
  switch (op) {
    case '+':
    case '-':
      return decimalType(Math.min(integral + scale + 1, MAX_PRECISION), scale);
    case '*':
      return decimalType(Math.min(a.precision + b.precision, MAX_PRECISION), a.scale + b.scale);
    case '/':
      // the dividend is widened to scale s1 + s2 + 4 and divided by the divisor's unscaled value
      return decimalType(
        Math.min(a.precision + b.scale + DIV_PRECISION_INCREMENT, MAX_PRECISION),
        a.scale + DIV_PRECISION_INCREMENT,
      );
    case '%':
      return decimalType(integral + scale, scale);
    case 'DIV':
      return BIGINT;
    default: {
      const unreachable: never = op;
      return unreachable;
    }
  }
}

function overflow(text: string, type: DorisType): Error {
  return dorisError(`Arithmetic overflow, result ${text} does not fit ${type.kind.toLowerCase()}`);
}

function integerOp(op: ArithmeticOperator, kind: IntegerKind): (a: Value, b: Value) => Value {
  const { min, max } = INTEGER_BOUNDS[kind];
  const checked = (result: bigint): Value => {
    if (result < min || result > max) throw overflow(result.toString(), { kind });
    return integerValue(result);
  };
  const big = (a: Value, b: Value): Value => {
    const x = BigInt(String(a));
    const y = BigInt(String(b));
    switch (op) {
      case '+':
        return checked(x + y);
      case '-':
        return checked(x - y);
      case '*':
        return checked(x * y);
      case '%':
        return y === 0n ? null : checked(x % y);
      case 'DIV':
        return y === 0n ? null : checked(x / y);
      case '/':
        return y === 0n ? null : Number(x) / Number(y);
      default: {
        const unreachable: never = op;
        return unreachable;
      }
    }
  };
  if (op === '+' || op === '-' || op === '*') {
    // small operands: plain double arithmetic is exact while the result stays a safe integer
    return (a, b) => {
      if (typeof a === 'number' && typeof b === 'number') {
        const r = op === '+' ? a + b : op === '-' ? a - b : a * b;
        if (Number.isSafeInteger(r)) return r;
      }
      return big(a, b);
    };
  }
  return big;
}

function floatOp(op: ArithmeticOperator): (a: Value, b: Value) => Value {
  return (a, b) => {
    const x = Number(a);
    const y = Number(b);
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        return y === 0 ? null : x / y;
      case '%':
        return y === 0 ? null : x % y;
      case 'DIV':
        return y === 0 ? null : integerValue(BigInt(Math.trunc(x / y)));
      default: {
        const unreachable: never = op;
        return unreachable;
      }
    }
  };
}

function unscaledReader(type: ExprType): (v: Value) => bigint {
  if (type.kind === 'DECIMAL') return (v) => unscaledOfStored(String(v));
  return (v) => BigInt(String(v));
}

function decimalOp(
  op: ArithmeticOperator,
  l: DorisType,
  r: DorisType,
  out: DorisType,
): (a: Value, b: Value) => Value {
  const sa = asDecimal(l).scale;
  const sb = asDecimal(r).scale;
  const readA = unscaledReader(l);
  const readB = unscaledReader(r);
  const { precision, scale } = asDecimal(out);
  const finish = (exact: Exact): Value => {
    const unscaled = rescaleHalfUp(exact, scale);
    if (!fitsPrecision(unscaled, precision)) throw overflow(formatScaled(unscaled, scale), out);
    return formatScaled(unscaled, scale);
  };
  return (a, b) => {
    const x = readA(a);
    const y = readB(b);
    const common = Math.max(sa, sb);
    switch (op) {
      case '+':
        return finish({ unscaled: x * pow10(common - sa) + y * pow10(common - sb), scale: common });
      case '-':
        return finish({ unscaled: x * pow10(common - sa) - y * pow10(common - sb), scale: common });
      case '*':
        return finish({ unscaled: x * y, scale: sa + sb });
      case '/':
        // truncated toward zero at the result scale, as Doris's decimal division
        if (y === 0n) return null;
        return finish({ unscaled: (x * pow10(sb + scale - sa)) / y, scale });
      case '%': {
        if (y === 0n) return null;
        return finish({ unscaled: (x * pow10(common - sa)) % (y * pow10(common - sb)), scale: common });
      }
      case 'DIV':
        if (y === 0n) return null;
        return integerValue((x * pow10(sb)) / (y * pow10(sa)));
      default: {
        const unreachable: never = op;
        return unreachable;
      }
    }
  };
}

/** `left op right`. */
export function compileArithmetic(op: ArithmeticOperator, left: Compiled, right: Compiled): Compiled {
  const l = numericOperand(left);
  const r = numericOperand(right);
  const lt: DorisType = l.type.kind === 'NULL' ? TINYINT : l.type;
  const rt: DorisType = r.type.kind === 'NULL' ? TINYINT : r.type;
  const type = resultType(op, lt, rt);
  if (l.type.kind === 'NULL' || r.type.kind === 'NULL') return constant(type, null);
  let apply: (a: Value, b: Value) => Value;
  if (op === 'DIV' && (isFloatType(lt) || isFloatType(rt))) apply = floatOp(op);
  else if (type.kind === 'DOUBLE') apply = floatOp(op);
  else if (lt.kind === 'DECIMAL' || rt.kind === 'DECIMAL') apply = decimalOp(op, lt, rt, type);
  else apply = integerOp(op, type.kind as IntegerKind);
  const ea = l.evaluate;
  const eb = r.evaluate;
  return combine([l, r], type, (row) => {
    const a = ea(row);
    if (a === null) return null;
    const b = eb(row);
    return b === null ? null : apply(a, b);
  });
}

/** Unary minus, as Doris parses it: `0 - x`. */
export function compileNegate(operand: Compiled): Compiled {
  return compileArithmetic('-', constant(TINYINT, 0), operand);
}

/** `~x`: bitwise NOT of an integer, in the operand's integer type (BIGINT for anything else). */
export function compileBitNot(operand: Compiled): Compiled {
  const source = numericOperand(operand);
  const type: DorisType = isIntegerType(source.type) ? source.type : BIGINT;
  const { evaluate } = source;
  return combine([source], type, (row) => {
    const v = evaluate(row);
    if (v === null) return null;
    return integerValue(~BigInt(String(v).split('.')[0] ?? '0'));
  });
}
