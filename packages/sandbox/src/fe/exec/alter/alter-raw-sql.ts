// The statement text Doris keeps as `rawSql` of schema-change records: AlterTableStmt.toSql(), i.e.
// ``ALTER TABLE `db`.`tbl` `` followed by each clause's toSql() joined with ", ". The syncer replays the
// light schema change ones on the target after swapping the db name, so column definitions must be
// executable (ColumnDef.toSql: `` `c` type [AGG] NULL|NOT NULL [DEFAULT "v"] COMMENT "…" ``).
import type { IndexDef } from '../../../catalog/table.js';
import { renderTypeSql } from '../../../types/index.js';
import { astTypeToDoris, defaultText } from '../../ddl/column-builder.js';
import type {
  AlterTableClause,
  AlterTableClauseVisitor,
  ColumnDefinition,
  ColumnPosition,
  IndexDefinition,
  Property,
} from '../../sql/index.js';
import { visitAlterTableClause } from '../../sql/index.js';

export function bq(name: string): string {
  return `\`${name}\``;
}

export function columnDefSql(def: ColumnDefinition): string {
  let sql = `${bq(def.name)} ${renderTypeSql(astTypeToDoris(def.type))} `;
  if (def.aggregation) sql += `${def.aggregation} `;
  sql += def.nullable === false ? 'NOT NULL ' : 'NULL ';
  const d = defaultText(def);
  if (d === null) sql += 'DEFAULT NULL ';
  else if (d !== undefined) sql += `DEFAULT "${d}" `;
  return `${sql}COMMENT "${def.comment ?? ''}"`;
}

function positionSql(position: ColumnPosition | undefined): string {
  if (!position) return '';
  return position.kind === 'First' ? ' FIRST' : ` AFTER ${bq(position.column)}`;
}

function rollupSql(rollup: string | undefined): string {
  return rollup === undefined ? '' : ` IN ${bq(rollup)}`;
}

function propertiesSql(properties: readonly Property[]): string {
  if (properties.length === 0) return '';
  return ` PROPERTIES (${properties.map((p) => `"${p.key}" = "${p.value}"`).join(', ')})`;
}

/** IndexDef.toSql: `INDEX name [ON tbl] (`c1`,`c2`) USING TYPE [PROPERTIES(...)] [COMMENT '...']`. */
export function indexDefSql(index: IndexDefinition | IndexDef, on?: string): string {
  const props: ReadonlyArray<readonly [string, string]> =
    index.properties instanceof Map
      ? [...index.properties]
      : (index.properties as readonly Property[]).map((p) => [p.key, p.value]);
  let sql = `INDEX ${index.name}${on ? ` ON ${on}` : ''} (${index.columns.map(bq).join(',')}) USING ${index.indexType}`;
  if (props.length > 0) sql += ` PROPERTIES(${props.map(([k, v]) => `"${k}"="${v}"`).join(',')})`;
  if (index.comment !== undefined) sql += ` COMMENT '${index.comment}'`;
  return sql;
}

const CLAUSE_SQL: AlterTableClauseVisitor<string> = {
  AddColumnClause: (c) =>
    `ADD COLUMN ${columnDefSql(c.column)}${positionSql(c.position)}${rollupSql(c.rollup)}`,
  AddColumnsClause: (c) => `ADD COLUMN (${c.columns.map(columnDefSql).join(', ')})${rollupSql(c.rollup)}`,
  DropColumnClause: (c) => `DROP COLUMN ${bq(c.column)}${rollupSql(c.rollup)}`,
  ModifyColumnClause: (c) =>
    `MODIFY COLUMN ${columnDefSql(c.column)}${positionSql(c.position)}${rollupSql(c.rollup)}`,
  ModifyColumnCommentClause: (c) => `MODIFY COLUMN ${bq(c.column)} COMMENT '${c.comment}'`,
  ReorderColumnsClause: (c) => `ORDER BY ${c.columns.map(bq).join(', ')}${rollupSql(c.rollup)}`,
  AddPartitionClause: (c) => `ADD ${c.temporary ? 'TEMPORARY ' : ''}PARTITION ${bq(c.partition.name)}`,
  DropPartitionClause: (c) =>
    `DROP ${c.temporary ? 'TEMPORARY ' : ''}PARTITION ${bq(c.name)}${c.force ? ' FORCE' : ''}`,
  ReplacePartitionClause: (c) =>
    `REPLACE PARTITION (${c.partitions.join(', ')}) WITH TEMPORARY PARTITION (${c.tempPartitions.join(', ')})`,
  ModifyPartitionClause: (c) =>
    `MODIFY PARTITION ${c.partitions === '*' ? '(*)' : `(${c.partitions.join(', ')})`} SET (${c.properties.map((p) => `"${p.key}" = "${p.value}"`).join(', ')})`,
  RenameTableClause: (c) => `RENAME ${c.newName}`,
  RenamePartitionClause: (c) => `RENAME PARTITION ${c.oldName} ${c.newName}`,
  RenameColumnClause: (c) => `RENAME COLUMN ${c.oldName} ${c.newName}`,
  RenameRollupClause: (c) => `RENAME ROLLUP ${c.oldName} ${c.newName}`,
  SetTablePropertiesClause: (c) =>
    `PROPERTIES (${c.properties.map((p) => `"${p.key}" = "${p.value}"`).join(', ')})`,
  ModifyTableCommentClause: (c) => `MODIFY COMMENT '${c.comment}'`,
  AddRollupClause: (c) =>
    `ADD ROLLUP ${c.rollups.map((r) => `${bq(r.name)} (${r.columns.map(bq).join(', ')})`).join(', ')}`,
  DropRollupClause: (c) => `DROP ROLLUP ${bq(c.name)}`,
  AddIndexClause: (c) => `ADD ${indexDefSql(c.index)}`,
  DropIndexClause: (c) => `DROP INDEX ${c.name}`,
  ReplaceWithTableClause: (c) => `REPLACE WITH TABLE ${c.table}${propertiesSql(c.properties)}`,
  ModifyDistributionClause: () => 'MODIFY DISTRIBUTION',
  EnableFeatureClause: (c) =>
    `ENABLE FEATURE "${c.feature}"${c.properties.length > 0 ? ` WITH${propertiesSql(c.properties)}` : ''}`,
};

export function clauseSql(clause: AlterTableClause): string {
  return visitAlterTableClause(clause, CLAUSE_SQL);
}

/** ``ALTER TABLE `db`.`tbl` clause, clause``. */
export function alterTableRawSql(
  dbName: string,
  tableName: string,
  clauses: readonly AlterTableClause[],
): string {
  return `ALTER TABLE ${bq(dbName)}.${bq(tableName)} ${clauses.map(clauseSql).join(', ')}`;
}
