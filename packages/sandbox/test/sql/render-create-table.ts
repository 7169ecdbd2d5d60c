import type {
  ColumnDefault,
  ColumnDefinition,
  CreateTableStatement,
  DataType,
  PartitionValue,
  PartitionValues,
  Property,
} from '../../src/fe/sql/index.js';

/**
 * Test-only renderer in the layout of Doris `SHOW CREATE TABLE` (2.1), used to check that what the
 * parser reads can be printed in that layout and read back to the same tree.
 */
export function renderCreateTable(table: CreateTableStatement): string {
  const lines: string[] = [
    ...table.columns.map((c) => `  ${renderColumn(c)}`),
    ...table.indexes.map(
      (i) =>
        `  INDEX ${quote(i.name)} (${i.columns.map(quote).join(', ')}) USING ${i.indexType}` +
        (i.properties.length > 0 ? ` PROPERTIES(${renderPropertiesInline(i.properties)})` : '') +
        (i.comment === undefined ? '' : ` COMMENT '${escapeText(i.comment)}'`),
    ),
  ];
  let sql = `CREATE TABLE ${quote(table.table.table)} (\n${lines.join(',\n')}\n) ENGINE=OLAP`;
  if (table.keys) sql += `\n${table.keys.type} KEY(${table.keys.columns.map(quote).join(', ')})`;
  if (table.comment !== undefined) sql += `\nCOMMENT '${escapeText(table.comment)}'`;
  if (table.partitioning) {
    const kind = table.partitioning.kind === 'RangePartitionScheme' ? 'RANGE' : 'LIST';
    const parts = table.partitioning.partitions.map(
      (p) => `PARTITION ${p.name}${p.values ? ` VALUES ${renderValues(p.values)}` : ''}`,
    );
    sql += `\nPARTITION BY ${kind}(${table.partitioning.columns.map(quote).join(', ')})\n(${parts.join(',\n')})`;
  }
  const d = table.distribution;
  if (d) {
    const buckets = d.buckets === undefined ? '' : ` BUCKETS ${d.buckets}`;
    sql +=
      d.kind === 'HashDistribution'
        ? `\nDISTRIBUTED BY HASH(${d.columns.map(quote).join(', ')})${buckets}`
        : `\nDISTRIBUTED BY RANDOM${buckets}`;
  }
  if (table.properties.length > 0) {
    sql += `\nPROPERTIES (\n${table.properties.map((p) => `"${p.key}" = "${p.value}"`).join(',\n')}\n);`;
  }
  return sql;
}

function quote(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

function escapeText(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('"', '\\"');
}

function renderPropertiesInline(properties: readonly Property[]): string {
  return properties.map((p) => `"${p.key}" = "${p.value}"`).join(', ');
}

export function renderType(type: DataType): string {
  if (type.kind === 'ArrayType') return `array<${renderType(type.element)}>`;
  if (type.kind === 'MapType') return `map<${renderType(type.key)},${renderType(type.value)}>`;
  if (type.kind === 'StructType')
    return `struct<${type.fields.map((f) => `${f.name}:${renderType(f.type)}`).join(',')}>`;
  const name = type.name === 'STRING' ? 'text' : type.name.toLowerCase();
  if (type.length !== undefined) return `${name}(${type.length})`;
  if (type.precision !== undefined && type.scale !== undefined)
    return `${name}(${type.precision},${type.scale})`;
  if (type.precision !== undefined) return `${name}(${type.precision})`;
  return name;
}

function renderDefault(value: ColumnDefault): string {
  switch (value.kind) {
    case 'NullDefault':
      return 'NULL';
    case 'StringDefault':
      return `"${escapeText(value.value)}"`;
    case 'NumberDefault':
      return `"${value.text}"`;
    case 'CurrentTimestampDefault':
      return value.precision === undefined ? 'CURRENT_TIMESTAMP' : `CURRENT_TIMESTAMP(${value.precision})`;
    case 'CurrentDateDefault':
      return 'CURRENT_DATE';
  }
}

function renderColumn(column: ColumnDefinition): string {
  let sql = `${quote(column.name)} ${renderType(column.type)}`;
  if (column.aggregation) sql += ` ${column.aggregation}`;
  if (column.nullable !== undefined) sql += column.nullable ? ' NULL' : ' NOT NULL';
  if (column.autoIncrement) {
    sql +=
      column.autoIncrement.start === undefined
        ? ' AUTO_INCREMENT'
        : ` AUTO_INCREMENT(${column.autoIncrement.start})`;
  }
  if (column.default) sql += ` DEFAULT ${renderDefault(column.default)}`;
  if (column.comment !== undefined) sql += ` COMMENT '${escapeText(column.comment)}'`;
  return sql;
}

function renderValue(value: PartitionValue): string {
  switch (value.kind) {
    case 'PartitionLiteral':
      return `'${value.value}'`;
    case 'PartitionMaxValue':
      return 'MAXVALUE';
    case 'PartitionNullValue':
      return 'NULL';
  }
}

function renderValues(values: PartitionValues): string {
  const tuple = (vs: readonly PartitionValue[]): string => `(${vs.map(renderValue).join(', ')})`;
  switch (values.kind) {
    case 'LessThanValues':
      return `LESS THAN ${tuple(values.upper)}`;
    case 'FixedRangeValues':
      return `[${tuple(values.lower)}, ${tuple(values.upper)})`;
    case 'InValues':
      return `IN (${values.tuples.map(tuple).join(',')})`;
  }
}
