// Doris's hash functions over text (function_hash.cpp): each argument is hashed with the previous one's
// result as its seed (murmur_hash3_32 starts from 104729, the 64-bit ones from 0), so the argument
// boundaries count; any NULL argument makes the result NULL. Other types are cast to text first, as
// Doris's signatures (VARCHAR/STRING varargs) make the planner do. Text is hashed as UTF-8 bytes.
import type { Compiled } from '../compiled.js';
import { integerValue } from '../decimal-math.js';
import { BIGINT, type ExprType, INT, isStringType } from '../expr-type.js';
import { murmur3x64_64, murmur3x64_128First, murmur3x86_32 } from '../murmur-hash.js';
import { textOf, type Value } from '../values.js';
import { type ScalarFunction, strict } from './function-def.js';

/** HashUtil::MURMUR3_32_SEED. */
const MURMUR3_32_SEED = 104729;

const utf8 = new TextEncoder();

function bytesOf(types: readonly ExprType[]): (value: Value, i: number) => Uint8Array {
  return (value, i) => {
    const type = types[i]!;
    return utf8.encode(isStringType(type) ? String(value) : textOf(type, value));
  };
}

function hash64(args: readonly Compiled[], hash: (bytes: Uint8Array, seed: bigint) => bigint): Compiled {
  const bytes = bytesOf(args.map((a) => a.type));
  return strict(args, BIGINT, (values) => {
    let h = 0n;
    values.forEach((v, i) => {
      h = hash(bytes(v, i), h);
    });
    // BIGINT is signed: the unsigned hash is read as two's complement, as Doris stores it.
    return integerValue(BigInt.asIntN(64, h));
  });
}

export const HASH_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'murmur_hash3_32',
    arity: [1, Number.POSITIVE_INFINITY],
    bind: (args) => {
      const bytes = bytesOf(args.map((a) => a.type));
      return strict(args, INT, (values) => {
        let h = MURMUR3_32_SEED;
        values.forEach((v, i) => {
          h = murmur3x86_32(bytes(v, i), h);
        });
        return h | 0;
      });
    },
  },
  {
    name: 'murmur_hash3_64',
    arity: [1, Number.POSITIVE_INFINITY],
    bind: (args) => hash64(args, murmur3x64_64),
  },
  {
    name: 'murmur_hash3_64_v2',
    arity: [1, Number.POSITIVE_INFINITY],
    bind: (args) => hash64(args, murmur3x64_128First),
  },
];
