// Constructors and accessors of complex values: array(), map(), struct(), named_struct() (also what the
// `[…]` and `{…}` literals parse to), element_at() (also `x[i]`: array element, map value, VARIANT member),
// struct_element(), and size()/cardinality().
import { type DorisType, type StoredValue, type VariantValue, variantMember } from '../../../types/index.js';
import { commonType } from '../common-type.js';
import { comparisonPlan } from '../comparison.js';
import { type Compiled, combine, constantValue } from '../compiled.js';
import { converter } from '../convert.js';
import { BIGINT, type ExprType, isIntegerType, isStringType, TINYINT } from '../expr-type.js';
import { notSupported } from '../query-errors.js';
import { toStored, type Value } from '../values.js';
import { arg, type ScalarFunction, strict } from './function-def.js';

/** The element type of values converted to their common type; an all-NULL list has TINYINT elements. */
function elementType(args: readonly Compiled[]): { type: DorisType; convert: ((v: Value) => Value)[] } {
  const common = commonType(args.map((a) => a.type));
  const type: DorisType = common.kind === 'NULL' ? TINYINT : common;
  return { type, convert: args.map((a) => converter(a.type, type)) };
}

/** Each argument's value, converted. */
function values(args: readonly Compiled[], convert: readonly ((v: Value) => Value)[]) {
  return (row: readonly Value[]): StoredValue[] =>
    args.map((a, i) => {
      const v = a.evaluate(row);
      return v === null ? null : toStored((convert[i] ?? ((x: Value) => x))(v));
    });
}

function array(args: readonly Compiled[]): Compiled {
  const { type, convert } = elementType(args);
  return combine(args, { kind: 'ARRAY', element: type, elementNullable: true }, values(args, convert));
}

function map(args: readonly Compiled[]): Compiled {
  if (args.length % 2 !== 0) throw notSupported('map() with an odd number of arguments');
  const keys = args.filter((_, i) => i % 2 === 0);
  const vals = args.filter((_, i) => i % 2 === 1);
  const k = elementType(keys);
  const v = elementType(vals);
  const readKeys = values(keys, k.convert);
  const readValues = values(vals, v.convert);
  return combine(args, { kind: 'MAP', key: k.type, value: v.type }, (row) => {
    const ks = readKeys(row);
    const vs = readValues(row);
    return ks.map((key, i) => [key, vs[i] ?? null]);
  });
}

const fieldType = (t: ExprType): DorisType => (t.kind === 'NULL' ? TINYINT : t);

function struct(args: readonly Compiled[]): Compiled {
  const fields = args.map((a, i) => ({ name: `col${i + 1}`, type: fieldType(a.type), comment: '' }));
  return combine(args, { kind: 'STRUCT', fields }, values(args, []));
}

function namedStruct(args: readonly Compiled[]): Compiled {
  if (args.length % 2 !== 0) throw notSupported('named_struct() with an odd number of arguments');
  const names = args.filter((_, i) => i % 2 === 0);
  const vals = args.filter((_, i) => i % 2 === 1);
  const fields = vals.map((a, i) => {
    const name = names[i];
    if (name === undefined || !name.isConstant || !isStringType(name.type)) {
      throw notSupported('named_struct() with field names that are not constant strings');
    }
    return { name: String(constantValue(name)).toLowerCase(), type: fieldType(a.type), comment: '' };
  });
  return combine(args, { kind: 'STRUCT', fields }, values(vals, []));
}

/** `array[i]` (1-based, negative from the end), `map[key]`, `variant['member']` / `variant[i]`. */
function elementAt(args: readonly Compiled[]): Compiled {
  const container = arg(args, 0);
  const index = arg(args, 1);
  const type = container.type;
  switch (type.kind) {
    case 'ARRAY':
      if (!isIntegerType(index.type) && index.type.kind !== 'NULL')
        throw notSupported('a non-integer array index');
      return strict(args, type.element, ([a, i]) => {
        const items = Array.isArray(a) ? a : [];
        const n = Number(i);
        return (n > 0 ? items[n - 1] : n < 0 ? items[items.length + n] : undefined) ?? null;
      });
    case 'MAP': {
      const plan = comparisonPlan(type.key, index.type);
      return strict(args, type.value, ([m, key]) => {
        const wanted = plan.right(key ?? null);
        for (const pair of Array.isArray(m) ? m : []) {
          const [k, v] = Array.isArray(pair) ? pair : [];
          const have = plan.left(k ?? null);
          if (have !== null && wanted !== null && plan.compare(have, wanted) === 0) return v ?? null;
        }
        return null;
      });
    }
    case 'VARIANT':
      return strict(args, type, ([doc, key]) => {
        const member = isIntegerType(index.type) ? Number(key) : String(key);
        const value: VariantValue = Array.isArray(doc) ? (doc as (string | null)[]) : String(doc);
        return variantMember(value, member, type.flattenNested === true);
      });
    default:
      throw notSupported(`element_at on ${type.kind}`);
  }
}

/** `struct_element(s, 'name')` or `struct_element(s, position)` (1-based). */
function structElement(args: readonly Compiled[]): Compiled {
  const s = arg(args, 0);
  const which = arg(args, 1);
  if (s.type.kind !== 'STRUCT' || !which.isConstant) throw notSupported('struct_element on this argument');
  const wanted = constantValue(which);
  const fields = s.type.fields;
  const position = isIntegerType(which.type)
    ? Number(wanted) - 1
    : fields.findIndex((f) => f.name === String(wanted).toLowerCase());
  const field = fields[position];
  if (field === undefined)
    throw notSupported(`struct_element of a field the struct does not have: ${wanted}`);
  return strict([s], field.type, ([v]) => (Array.isArray(v) ? (v[position] ?? null) : null));
}

function size(args: readonly Compiled[]): Compiled {
  return strict(args, BIGINT, ([v]) => (Array.isArray(v) ? v.length : null));
}

export const COMPLEX_FUNCTIONS: readonly ScalarFunction[] = [
  { name: 'array', arity: [0, Number.POSITIVE_INFINITY], bind: array },
  { name: 'map', arity: [0, Number.POSITIVE_INFINITY], bind: map },
  { name: 'struct', arity: [1, Number.POSITIVE_INFINITY], bind: struct },
  { name: 'named_struct', arity: [2, Number.POSITIVE_INFINITY], bind: namedStruct },
  { name: 'element_at', arity: [2, 2], bind: elementAt },
  { name: 'struct_element', arity: [2, 2], bind: structElement },
  { name: 'size', aliases: ['array_size', 'cardinality', 'map_size'], arity: [1, 1], bind: size },
];
