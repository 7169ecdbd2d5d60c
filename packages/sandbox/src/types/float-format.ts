// FLOAT/DOUBLE to text as Doris 2.1's BE writes them to the MySQL protocol: fmt's "{}" format, i.e. the
// shortest digits that read back to the same value, in fixed notation when the decimal exponent is in
// [-4, 16) and in exponent notation (`1e+16`, `1.5e-05`, at least two exponent digits) otherwise. Integral
// values print without a fraction (`100`, not `100.0`).

const EXP_LOWER = -4;
const EXP_UPPER = 16;

/** Lays out significant digits `digits` (no leading zeros) with decimal exponent `exp` (value = d.ddd × 10^exp). */
function layout(negative: boolean, digits: string, exp: number): string {
  const sign = negative ? '-' : '';
  if (exp < EXP_LOWER || exp >= EXP_UPPER) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exp < 0 ? '-' : '+';
    return `${sign}${mantissa}e${expSign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Splits JavaScript exponential text (`-1.2345e+2`) into sign, significant digits and exponent. */
function splitExponential(text: string): { negative: boolean; digits: string; exp: number } {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [mantissa = '0', exponent = '0'] = body.split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return { negative, digits, exp: Number(exponent) };
}

function special(value: number): string | undefined {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  return undefined;
}

/**
 * A DOUBLE as Doris prints it. JavaScript's toExponential() without an argument already yields the shortest
 * round-tripping digits (picking the closest when several are shortest), as fmt's Dragonbox does.
 */
export function formatDouble(value: number): string {
  const s = special(value);
  if (s !== undefined) return s;
  const { negative, digits, exp } = splitExponential(value.toExponential());
  return layout(negative, digits, exp);
}

/**
 * A FLOAT as Doris prints it: the shortest digits that read back to the same float32 (so 0.1f prints `0.1`,
 * not the double expansion 0.10000000149011612). `value` must already be a float32 (Math.fround).
 */
export function formatFloat(value: number): string {
  const s = special(value);
  if (s !== undefined) return s;
  for (let precision = 1; precision <= 9; precision++) {
    const text = value.toExponential(precision - 1);
    if (Math.fround(Number(text)) === value) {
      const { negative, digits, exp } = splitExponential(text);
      return layout(negative, digits, exp);
    }
  }
  return formatDouble(value);
}
