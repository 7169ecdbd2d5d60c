// Numeric functions. Exact types stay exact: ABS widens integers (ABS(INT) is BIGINT, because ABS of the
// smallest INT does not fit an INT), ROUND/FLOOR/CEIL of a decimal give a decimal with fewer fraction digits.
import type { DorisType } from '../../../types/index.js';
import { numericOperand } from '../arithmetic.js';
import { type Compiled, constantValue } from '../compiled.js';
import { formatScaled, integerValue, pow10, rescaleHalfUp, unscaledOfStored } from '../decimal-math.js';
import { DOUBLE, decimalType, isIntegerType, promoteInteger } from '../expr-type.js';
import type { Value } from '../values.js';
import { arg, type ScalarFunction, strict } from './function-def.js';

/** A number operand, NULL rejected; strings are read as DOUBLE. */
function operand(args: readonly Compiled[]): Compiled {
  return numericOperand(arg(args, 0));
}

function abs(args: readonly Compiled[]): Compiled {
  const x = operand(args);
  const type = x.type;
  if (isIntegerType(type)) {
    const out: DorisType = { kind: type.kind === 'LARGEINT' ? 'LARGEINT' : promoteInteger(type.kind) };
    return strict([x], out, ([v]) => {
      if (typeof v === 'number') return Math.abs(v);
      const big = BigInt(String(v));
      return integerValue(big < 0n ? -big : big);
    });
  }
  if (type.kind === 'DECIMAL') {
    return strict([x], type, ([v]) => String(v).replace(/^-/, ''));
  }
  const out = type.kind === 'FLOAT' ? type : DOUBLE;
  return strict([x], out, ([v]) => Math.abs(Number(v)));
}

/** Half away from zero at `digits` fraction digits (negative: tens, hundreds, ...), as Doris rounds doubles. */
function roundDouble(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}

function roundDecimal(
  text: string,
  scale: number,
  digits: number,
  outScale: number,
  mode: 'round' | 'floor' | 'ceil',
): string {
  const unscaled = unscaledOfStored(text);
  if (digits >= scale) return formatScaled(unscaled * pow10(outScale - scale), outScale);
  const drop = pow10(scale - digits);
  let kept: bigint;
  if (mode === 'round') {
    kept = rescaleHalfUp({ unscaled, scale }, digits);
  } else {
    kept = unscaled / drop;
    const exact = kept * drop === unscaled;
    if (!exact && mode === 'floor' && unscaled < 0n) kept -= 1n;
    if (!exact && mode === 'ceil' && unscaled > 0n) kept += 1n;
  }
  // a negative digit count rounds to tens, hundreds, ...: scale the kept digits back up
  return digits < 0
    ? formatScaled(kept * pow10(-digits + outScale), outScale)
    : formatScaled(kept * pow10(outScale - digits), outScale);
}

function roundInteger(value: Value, digits: number, mode: 'round' | 'floor' | 'ceil'): Value {
  if (digits >= 0) return value;
  return integerValue(BigInt(roundDecimal(String(value), 0, digits, 0, mode)));
}

function rounding(mode: 'round' | 'floor' | 'ceil', args: readonly Compiled[]): Compiled {
  const x = operand(args);
  const digitsArg = args[1];
  const constantDigits =
    digitsArg === undefined ? 0 : digitsArg.isConstant ? Number(constantValue(digitsArg) ?? 0) : undefined;
  const type = x.type;
  const inputs = digitsArg === undefined ? [x] : [x, digitsArg];
  const digitsOf = (values: readonly Value[]): number => Math.trunc(Number(values[1] ?? 0));
  if (isIntegerType(type)) {
    return strict(inputs, type, (values) => roundInteger(values[0] ?? null, digitsOf(values), mode));
  }
  if (type.kind === 'DECIMAL') {
    // the result keeps as many fraction digits as asked for (and no more than the input had)
    const outScale =
      constantDigits === undefined ? type.scale : Math.min(Math.max(constantDigits, 0), type.scale);
    const out = decimalType(type.precision - type.scale + outScale + 1, outScale);
    return strict(inputs, out, (values) =>
      roundDecimal(String(values[0]), type.scale, Math.min(digitsOf(values), outScale), outScale, mode),
    );
  }
  return strict(inputs, DOUBLE, (values) => {
    const v = Number(values[0]);
    const digits = digitsOf(values);
    if (mode === 'round') return roundDouble(v, digits);
    const factor = 10 ** digits;
    const r = (mode === 'floor' ? Math.floor(v * factor) : Math.ceil(v * factor)) / factor;
    return r === 0 ? 0 : r;
  });
}

export const NUMERIC_FUNCTIONS: readonly ScalarFunction[] = [
  { name: 'abs', arity: [1, 1], bind: abs },
  { name: 'round', arity: [1, 2], bind: (args) => rounding('round', args) },
  { name: 'floor', arity: [1, 1], bind: (args) => rounding('floor', args) },
  { name: 'ceil', aliases: ['ceiling'], arity: [1, 1], bind: (args) => rounding('ceil', args) },
];
