// The checks Doris runs on the new schemas before applying a schema change: column order and key presence,
// partition / distribution columns kept and unmodified, and Column.checkSchemaChangeAllowed (which type
// changes ColumnType's schema-change matrix allows, no nullable → NOT NULL, no default change).
import { type Column, findColumn } from '../../../catalog/column.js';
import type { DorisType } from '../../../types/doris-type.js';
import { renderTypeSql, typeBinlogName } from '../../../types/index.js';
import { stripShadowPrefix } from '../../alter/alter-job.js';
import { dorisError } from '../../mysql/session-types.js';
import { indexName, type SchemaDraft, sameColumn } from './schema-draft.js';

const INTS = ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'LARGEINT'];
const DECIMALS = ['DECIMAL32', 'DECIMAL64', 'DECIMAL128'];
const NUMERIC_TO_STRING = ['VARCHAR', 'STRING'];

/** ColumnType.schemaChangeMatrix, over the primitive types the sandbox has. */
const MATRIX: Record<string, readonly string[]> = {
  TINYINT: ['SMALLINT', 'INT', 'BIGINT', 'LARGEINT', 'FLOAT', 'DOUBLE', ...NUMERIC_TO_STRING],
  SMALLINT: ['INT', 'BIGINT', 'LARGEINT', 'FLOAT', 'DOUBLE', ...NUMERIC_TO_STRING],
  INT: ['BIGINT', 'LARGEINT', 'FLOAT', 'DOUBLE', ...NUMERIC_TO_STRING],
  BIGINT: ['LARGEINT', 'FLOAT', 'DOUBLE', ...NUMERIC_TO_STRING],
  LARGEINT: ['FLOAT', 'DOUBLE', ...NUMERIC_TO_STRING],
  FLOAT: ['DOUBLE', ...NUMERIC_TO_STRING],
  DOUBLE: NUMERIC_TO_STRING,
  VARCHAR: [...INTS, 'FLOAT', 'DOUBLE', 'DATEV2', 'STRING', 'JSONB'],
  STRING: ['JSONB'],
  JSONB: ['STRING', 'VARCHAR'],
  CHAR: [...INTS, 'FLOAT', 'DOUBLE', 'VARCHAR', 'STRING'],
  DECIMAL32: [...NUMERIC_TO_STRING, ...DECIMALS],
  DECIMAL64: [...NUMERIC_TO_STRING, ...DECIMALS],
  DECIMAL128: [...NUMERIC_TO_STRING, ...DECIMALS],
  DATEV2: ['DATETIMEV2'],
  DATETIMEV2: ['DATEV2'],
};

function stringRepSize(type: DorisType): number {
  switch (type.kind) {
    case 'TINYINT':
      return 4;
    case 'SMALLINT':
      return 6;
    case 'INT':
      return 11;
    case 'BIGINT':
      return 20;
    case 'LARGEINT':
      return 40;
    case 'FLOAT':
      return 24;
    case 'DOUBLE':
      return 53;
    case 'DECIMAL':
      return type.precision + 2;
    case 'VARCHAR':
    case 'CHAR':
      return type.length;
    default:
      return Number.MAX_SAFE_INTEGER;
  }
}

/** Column.checkSchemaChangeAllowed. */
export function checkSchemaChangeAllowed(from: Column, to: Column): void {
  const a = typeBinlogName(from.type);
  const b = typeBinlogName(to.type);
  if (a !== b && !(MATRIX[a] ?? []).includes(b)) {
    throw dorisError(`Can not change ${renderTypeSql(from.type)} to ${renderTypeSql(to.type)}`);
  }
  const numeric = [...INTS, 'FLOAT', 'DOUBLE', ...DECIMALS].includes(a);
  if (numeric && (b === 'VARCHAR' || b === 'CHAR') && stringRepSize(to.type) < stringRepSize(from.type)) {
    throw dorisError(
      `Can not change from wider type ${renderTypeSql(from.type)} to narrower type ${renderTypeSql(to.type)}`,
    );
  }
  if (from.aggregation !== to.aggregation) throw dorisError('Can not change aggregation type');
  if (from.nullable && !to.nullable) throw dorisError('Can not change from nullable to non-nullable');
  if ((from.defaultValue ?? null) !== (to.defaultValue ?? null))
    throw dorisError('Can not change default value');
  const strings = ['VARCHAR', 'CHAR'];
  if (
    (strings.includes(from.type.kind) && to.type.kind === 'VARCHAR') ||
    (from.type.kind === 'CHAR' && to.type.kind === 'CHAR')
  ) {
    if (stringRepSize(from.type) > stringRepSize(to.type)) throw dorisError('Cannot shorten string length');
  }
}

function checkOrderAndKeys(draft: SchemaDraft, indexId: bigint, schema: readonly Column[]): void {
  let meetValue = false;
  let hasKey = false;
  for (const c of schema) {
    if (c.isKey && meetValue) {
      throw dorisError(
        `Invalid column order. value should be after key. index[${indexName(draft, indexId)}]`,
      );
    }
    if (c.isKey) hasKey = true;
    else meetValue = true;
  }
  if (!hasKey) throw dorisError(`No key column left. index[${indexName(draft, indexId)}]`);
}

function checkPartitionAndDistribution(
  draft: SchemaDraft,
  indexId: bigint,
  schema: readonly Column[],
  changed: Set<Column>,
): void {
  const { table } = draft;
  const origin = table.indexes.get(table.baseIndexId)!.columns;
  const check = (names: readonly string[], what: 'Partition' | 'Distribution') => {
    for (const name of names) {
      const col = schema.find((c) => stripShadowPrefix(c.name).toLowerCase() === name.toLowerCase());
      const originCol = findColumn(origin, name);
      if (col && changed.has(col) && originCol && !sameColumn(originCol, { ...col, name: originCol.name })) {
        throw dorisError(
          `Can not modify ${what.toLowerCase()} column[${name}]. index[${indexName(draft, indexId)}]`,
        );
      }
      if (!col && indexId === table.baseIndexId) {
        throw dorisError(`${what} column[${name}] cannot be dropped. index[${indexName(draft, indexId)}]`);
      }
    }
  };
  check(table.partitionColumns, 'Partition');
  if (table.distribution.type === 'HASH') check(table.distribution.columns, 'Distribution');
}

/** SchemaChangeHandler.createJob checks; returns the ids of the indexes whose schema changed. */
export function checkHeavyChange(draft: SchemaDraft, indexChange: boolean): bigint[] {
  const changedIds: bigint[] = [];
  for (const [indexId, schema] of draft.schemas) {
    const origin = draft.table.indexes.get(indexId)!.columns;
    const changed = new Set<Column>();
    let columnChange = schema.length !== origin.length;
    schema.forEach((c, i) => {
      const o = origin[i];
      if (!o || !sameColumn(o, c) || o.name !== c.name) {
        changed.add(c);
        columnChange = true;
      }
    });
    if (!columnChange && !indexChange) continue;
    checkOrderAndKeys(draft, indexId, schema);
    for (const c of schema) {
      const o = origin.find((x) => x.name.toLowerCase() === stripShadowPrefix(c.name).toLowerCase());
      if (o && !sameColumn(o, { ...c, name: o.name })) checkSchemaChangeAllowed(o, c);
    }
    checkPartitionAndDistribution(draft, indexId, schema, changed);
    changedIds.push(indexId);
  }
  if (changedIds.length === 0) throw dorisError('Nothing is changed. please check your alter stmt.');
  return changedIds;
}

/** SchemaChangeHandler.checkTable for light changes: failures surface as "Table db.tbl check failed". */
export function checkLightChange(draft: SchemaDraft, dbName: string): void {
  try {
    for (const [indexId, schema] of draft.schemas) {
      checkOrderAndKeys(draft, indexId, schema);
      checkPartitionAndDistribution(draft, indexId, schema, new Set());
    }
  } catch {
    throw dorisError(`Table ${dbName}.${draft.table.name} check failed`);
  }
}
