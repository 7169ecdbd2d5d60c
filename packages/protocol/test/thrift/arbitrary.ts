// fast-check arbitraries derived from a struct declaration, so every declared struct gets a round-trip
// property without a hand-written generator.
import fc from 'fast-check';
import type { StructDef, ThriftType } from '../../src/index.js';

const I64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });

export function arbitraryValue(type: ThriftType, depth = 0): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case 'bool':
      return fc.boolean();
    case 'byte':
      return fc.integer({ min: -128, max: 127 });
    case 'i16':
      return fc.integer({ min: -32768, max: 32767 });
    case 'i32':
      return fc.integer({ min: -2147483648, max: 2147483647 });
    case 'i64':
      return I64;
    case 'double':
      return fc.double({ noNaN: true });
    case 'string':
      return fc.string({ unit: 'grapheme', maxLength: 12 });
    case 'binary':
      return fc.uint8Array({ maxLength: 32 }).map((a) => Buffer.from(a));
    case 'list':
    case 'set':
      return fc.array(arbitraryValue(type.elem, depth + 1), { maxLength: depth > 2 ? 1 : 3 });
    case 'map':
      return fc
        .uniqueArray(fc.tuple(arbitraryValue(type.key, depth + 1), arbitraryValue(type.value, depth + 1)), {
          maxLength: 3,
          selector: ([k]) => (typeof k === 'bigint' ? `${k}n` : JSON.stringify(k)),
        })
        .map((entries) => new Map(entries));
    case 'struct':
      return arbitraryStruct(type.def, depth + 1);
  }
}

export function arbitraryStruct(def: StructDef, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const required: Record<string, fc.Arbitrary<unknown>> = {};
  const optional: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of def.ordered) {
    (field.def.required ? required : optional)[field.name] = arbitraryValue(field.def.type, depth);
  }
  return fc
    .tuple(fc.record(required), fc.record(optional, { requiredKeys: [] }))
    .map(([r, o]) => ({ ...r, ...o }) as Record<string, unknown>);
}
