// The schema of a new rollup (MaterializedViewHandler.checkAndPrepareMaterializedView for ADD ROLLUP):
// columns come from the base index in the order given; aggregate/unique tables keep key columns as keys
// (all keys when there is a REPLACE value or the table is UNIQUE, plus the hidden delete-sign / sequence
// columns), duplicate tables either take the given DUPLICATE KEY prefix or infer keys like a short key.
import { type Column, DELETE_SIGN_COLUMN, findColumn, SEQUENCE_COLUMN } from '../../../catalog/column.js';
import type { OlapTable } from '../../../catalog/table.js';
import type { DorisType } from '../../../types/doris-type.js';
import { dorisError } from '../../mysql/session-types.js';
import type { RollupDefinition } from '../../sql/index.js';

const SHORT_KEY_MAX_COLUMNS = 3;
const SHORT_KEY_MAX_BYTES = 36;

function indexSize(type: DorisType): number {
  switch (type.kind) {
    case 'BOOLEAN':
    case 'TINYINT':
      return 1;
    case 'SMALLINT':
      return 2;
    case 'INT':
    case 'DATE':
    case 'FLOAT':
      return 4;
    case 'BIGINT':
    case 'DATETIME':
    case 'DOUBLE':
      return 8;
    case 'LARGEINT':
      return 16;
    case 'DECIMAL':
      return type.precision <= 9 ? 4 : type.precision <= 18 ? 8 : 16;
    case 'CHAR':
      return type.length;
    default:
      return 20;
  }
}

/** Duplicate-model keys of a rollup or materialized view without explicit keys (short key inference). */
export function inferDuplicateKeys(columns: Column[]): Column[] {
  let keys = 0;
  let bytes = 0;
  for (; keys < columns.length; keys++) {
    const c = columns[keys]!;
    bytes += indexSize(c.type);
    if (keys + 1 > SHORT_KEY_MAX_COLUMNS || bytes > SHORT_KEY_MAX_BYTES) {
      if (keys === 0 && (c.type.kind === 'CHAR' || c.type.kind === 'VARCHAR' || c.type.kind === 'STRING'))
        keys++;
      break;
    }
    if (c.type.kind === 'FLOAT' || c.type.kind === 'DOUBLE') break;
    if (c.type.kind === 'VARCHAR') {
      keys++;
      break;
    }
  }
  if (keys === 0) throw dorisError('The first column could not be float or double');
  return columns.map((c, i) =>
    i < keys
      ? { ...c, isKey: true, aggregation: 'NONE', aggregationImplicit: false }
      : { ...c, isKey: false, aggregation: 'NONE', aggregationImplicit: true },
  );
}

export function rollupSchema(table: OlapTable, base: readonly Column[], def: RollupDefinition): Column[] {
  if (table.keysType !== 'DUP_KEYS') {
    let meetValue = false;
    let hasKey = false;
    let keys = 0;
    let replace = false;
    const schema: Column[] = [];
    for (const name of def.columns) {
      const c = findColumn(base, name);
      if (!c) throw dorisError(`Column[${name}] does not exist`);
      if (c.isKey && meetValue) throw dorisError('Invalid column order. value should be after key');
      if (c.isKey) {
        keys++;
        hasKey = true;
      } else {
        meetValue = true;
        if (c.aggregation === 'REPLACE' || c.aggregation === 'REPLACE_IF_NOT_NULL') replace = true;
      }
      schema.push(c);
    }
    if (!hasKey) throw dorisError('No key column is found');
    if (table.keysType === 'UNIQUE_KEYS' || replace) {
      if (keys !== base.filter((c) => c.isKey).length) {
        throw dorisError(
          table.keysType === 'UNIQUE_KEYS'
            ? 'Rollup should contains all unique keys in basetable'
            : 'Rollup should contains all keys if there is a REPLACE value',
        );
      }
      for (const hidden of [DELETE_SIGN_COLUMN, SEQUENCE_COLUMN]) {
        const c = base.find((x) => x.name === hidden);
        if (c) schema.push(c);
      }
    }
    return schema;
  }
  if (!def.duplicateKeys || def.duplicateKeys.length === 0) {
    return inferDuplicateKeys(
      def.columns.map((name) => {
        const c = findColumn(base, name);
        if (!c) throw dorisError(`Column[${name}] does not exist in base index`);
        return c;
      }),
    );
  }
  const dupKeys = def.duplicateKeys;
  if (dupKeys.length > def.columns.length) {
    throw dorisError('Num of duplicate keys should less than or equal to num of rollup columns.');
  }
  let meetValue = false;
  return def.columns.map((name, i) => {
    const isKey = i < dupKeys.length;
    if (isKey && dupKeys[i]!.toLowerCase() !== name.toLowerCase()) {
      throw dorisError('Duplicate keys should be the prefix of rollup columns');
    }
    const c = findColumn(base, name);
    if (!c) throw dorisError(`Column[${name}] does not exist`);
    if (isKey && meetValue) throw dorisError(`Invalid column order. key should before all values: ${name}`);
    if (!isKey) meetValue = true;
    return isKey
      ? { ...c, isKey: true, aggregation: 'NONE', aggregationImplicit: false }
      : { ...c, isKey: false, aggregation: 'NONE', aggregationImplicit: true };
  });
}
