// A declarative description of Thrift types. Structs are declared once, with Doris's field ids, names and
// requiredness, and the TypeScript type of their values is inferred from the declaration, so the wire
// layout and the static type can never drift apart.

/** Wire type ids of the Thrift binary protocol. */
export const WireType = {
  STOP: 0,
  BOOL: 2,
  BYTE: 3,
  DOUBLE: 4,
  I16: 6,
  I32: 8,
  I64: 10,
  STRING: 11,
  STRUCT: 12,
  MAP: 13,
  SET: 14,
  LIST: 15,
} as const;

export type ScalarKind = 'bool' | 'byte' | 'i16' | 'i32' | 'i64' | 'double' | 'string' | 'binary';

export interface ScalarType<K extends ScalarKind = ScalarKind> {
  readonly kind: K;
}
export interface ListType<E extends ThriftType = ThriftType> {
  readonly kind: 'list';
  readonly elem: E;
}
export interface SetType<E extends ThriftType = ThriftType> {
  readonly kind: 'set';
  readonly elem: E;
}
export interface MapType<K extends ThriftType = ThriftType, V extends ThriftType = ThriftType> {
  readonly kind: 'map';
  readonly key: K;
  readonly value: V;
}
export interface StructType<F extends FieldMap = FieldMap> {
  readonly kind: 'struct';
  readonly def: StructDef<F>;
}

export type ThriftType = ScalarType | ListType | SetType | MapType | StructType;

export interface FieldDef<T extends ThriftType = ThriftType, R extends boolean = boolean> {
  readonly id: number;
  readonly type: T;
  readonly required: R;
}

// biome-ignore lint/suspicious/noExplicitAny: the map is a constraint; each struct narrows it.
export type FieldMap = { readonly [name: string]: FieldDef<any, boolean> };

/** A field together with its name, in ascending id order: the order fields are written on the wire. */
export interface OrderedField {
  readonly name: string;
  readonly def: FieldDef;
}

export interface StructDef<F extends FieldMap = FieldMap> {
  readonly name: string;
  readonly fields: F;
  readonly ordered: readonly OrderedField[];
  readonly byId: ReadonlyMap<number, OrderedField>;
}

/** The TypeScript value carried by a Thrift type: i64 is always a bigint, enums are numbers on the wire. */
export type ValueOf<T> =
  T extends ScalarType<'bool'>
    ? boolean
    : T extends ScalarType<'byte' | 'i16' | 'i32' | 'double'>
      ? number
      : T extends ScalarType<'i64'>
        ? bigint
        : T extends ScalarType<'string'>
          ? string
          : T extends ScalarType<'binary'>
            ? Uint8Array
            : T extends ListType<infer E>
              ? ValueOf<E>[]
              : T extends SetType<infer E>
                ? ValueOf<E>[]
                : T extends MapType<infer K, infer V>
                  ? Map<ValueOf<K>, ValueOf<V>>
                  : T extends StructType<infer F>
                    ? StructValue<F>
                    : never;

type RequiredNames<F extends FieldMap> = {
  [K in keyof F]: F[K]['required'] extends true ? K : never;
}[keyof F];

type Flatten<T> = { [K in keyof T]: T[K] };

export type StructValue<F extends FieldMap> = Flatten<
  { [K in RequiredNames<F>]: ValueOf<F[K]['type']> } & {
    [K in Exclude<keyof F, RequiredNames<F>>]?: ValueOf<F[K]['type']>;
  }
>;

/** The value type of a declared struct: `type TStatus = Infer<typeof TStatus>`. */
export type Infer<S> = S extends StructDef<infer F> ? StructValue<F> : never;

export const t = {
  bool: { kind: 'bool' } as ScalarType<'bool'>,
  byte: { kind: 'byte' } as ScalarType<'byte'>,
  i16: { kind: 'i16' } as ScalarType<'i16'>,
  i32: { kind: 'i32' } as ScalarType<'i32'>,
  i64: { kind: 'i64' } as ScalarType<'i64'>,
  double: { kind: 'double' } as ScalarType<'double'>,
  string: { kind: 'string' } as ScalarType<'string'>,
  binary: { kind: 'binary' } as ScalarType<'binary'>,
  list: <E extends ThriftType>(elem: E): ListType<E> => ({ kind: 'list', elem }),
  set: <E extends ThriftType>(elem: E): SetType<E> => ({ kind: 'set', elem }),
  map: <K extends ThriftType, V extends ThriftType>(key: K, value: V): MapType<K, V> => ({
    kind: 'map',
    key,
    value,
  }),
  struct: <F extends FieldMap>(def: StructDef<F>): StructType<F> => ({ kind: 'struct', def }),
};

export function req<T extends ThriftType>(id: number, type: T): FieldDef<T, true> {
  return { id, type, required: true };
}

export function opt<T extends ThriftType>(id: number, type: T): FieldDef<T, false> {
  return { id, type, required: false };
}

export function struct<F extends FieldMap>(name: string, fields: F): StructDef<F> {
  const ordered = Object.entries(fields)
    .map(([fieldName, def]) => ({ name: fieldName, def: def as FieldDef }))
    .sort((a, b) => a.def.id - b.def.id);
  const byId = new Map<number, OrderedField>();
  for (const field of ordered) {
    if (byId.has(field.def.id)) throw new Error(`struct ${name}: duplicate field id ${field.def.id}`);
    byId.set(field.def.id, field);
  }
  return { name, fields, ordered, byId };
}

export function wireTypeOf(type: ThriftType): number {
  switch (type.kind) {
    case 'bool':
      return WireType.BOOL;
    case 'byte':
      return WireType.BYTE;
    case 'i16':
      return WireType.I16;
    case 'i32':
      return WireType.I32;
    case 'i64':
      return WireType.I64;
    case 'double':
      return WireType.DOUBLE;
    case 'string':
    case 'binary':
      return WireType.STRING;
    case 'struct':
      return WireType.STRUCT;
    case 'map':
      return WireType.MAP;
    case 'set':
      return WireType.SET;
    case 'list':
      return WireType.LIST;
    default:
      return assertNever(type);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
