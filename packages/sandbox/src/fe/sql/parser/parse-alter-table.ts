import type { AlterTableClause, AlterTableStatement, ColumnPosition } from '../ast/alter-table.js';
import type { RollupDefinition } from '../ast/partition.js';
import type { TokenCursor } from './cursor.js';
import { parseColumnDefinition, parseIndexDefinition } from './parse-column.js';
import {
  isIdentifierToken,
  parseIdentifier,
  parseIdentifierList,
  parseIfExists,
  parseOptionalProperties,
  parsePartitionNames,
  parsePropertyList,
  parseString,
  parseTableName,
} from './parse-common.js';
import {
  parseDistribution,
  parseOptionalDistribution,
  parsePartitionDefinition,
  parseRollupDefinition,
} from './parse-partition.js';

/** After `ALTER TABLE`: `name clause[, clause …]`. */
export function parseAlterTable(c: TokenCursor): AlterTableStatement {
  const table = parseTableName(c);
  const clauses = [parseClause(c)];
  while (c.acceptOp(',')) clauses.push(parseClause(c));
  return { kind: 'AlterTableStatement', table, clauses };
}

function parseClause(c: TokenCursor): AlterTableClause {
  const token = c.peek();
  if (token.type === 'word') {
    switch (token.upper) {
      case 'ADD':
        c.next();
        return parseAdd(c);
      case 'DROP':
        c.next();
        return parseDrop(c);
      case 'MODIFY':
        c.next();
        return parseModify(c);
      case 'RENAME':
        c.next();
        return parseRename(c);
      case 'REPLACE':
        c.next();
        return parseReplace(c);
      case 'SET':
        c.next();
        return { kind: 'SetTablePropertiesClause', properties: parsePropertyList(c) };
      case 'ORDER': {
        c.next();
        c.expectWord('BY');
        const columns = parseIdentifierList(c);
        const rollup = parseOptionalRollupTarget(c, 'FROM');
        return withRollup(
          { kind: 'ReorderColumnsClause', columns, properties: parseOptionalProperties(c) },
          rollup,
        );
      }
      case 'ENABLE': {
        c.next();
        c.expectWord('FEATURE');
        const name = c.peek();
        if (name.type !== 'string') throw c.fail('feature name string');
        c.next();
        const properties = c.acceptWord('WITH') ? parseOptionalProperties(c) : [];
        return { kind: 'EnableFeatureClause', feature: name.value.toUpperCase(), properties };
      }
      default:
        break;
    }
  }
  throw c.fail('ADD, DROP, MODIFY, RENAME, REPLACE, SET or ORDER BY');
}

function withRollup<T extends object>(clause: T, rollup: string | undefined): T {
  return rollup === undefined ? clause : { ...clause, rollup };
}

/**
 * The rollup a column clause applies to. Users write TO (add/modify) or FROM (drop) as the docs show; Doris
 * renders every one of them as `IN rollup` in the rawSql of its binlog records, and accepts that back.
 */
function parseOptionalRollupTarget(c: TokenCursor, keyword: 'TO' | 'FROM'): string | undefined {
  return c.acceptWord(keyword) || c.acceptWord('IN') ? parseIdentifier(c, 'rollup name') : undefined;
}

function parseOptionalPosition(c: TokenCursor): ColumnPosition | undefined {
  if (c.acceptWord('FIRST')) return { kind: 'First' };
  if (c.acceptWord('AFTER')) return { kind: 'After', column: parseIdentifier(c, 'column name') };
  return undefined;
}

function parseAdd(c: TokenCursor): AlterTableClause {
  if (c.acceptWord('COLUMN')) {
    if (c.acceptOp('(')) {
      const columns = [parseColumnDefinition(c)];
      while (c.acceptOp(',')) columns.push(parseColumnDefinition(c));
      c.expectOp(')');
      const rollup = parseOptionalRollupTarget(c, 'TO');
      return withRollup(
        { kind: 'AddColumnsClause', columns, properties: parseOptionalProperties(c) },
        rollup,
      );
    }
    const column = parseColumnDefinition(c);
    const position = parseOptionalPosition(c);
    const rollup = parseOptionalRollupTarget(c, 'TO');
    const properties = parseOptionalProperties(c);
    return withRollup(
      position
        ? { kind: 'AddColumnClause', column, position, properties }
        : { kind: 'AddColumnClause', column, properties },
      rollup,
    );
  }
  const temporary = c.acceptWord('TEMPORARY');
  if (c.acceptWord('PARTITION')) {
    const partition = parsePartitionDefinition(c);
    const distribution = parseOptionalDistribution(c);
    return distribution
      ? { kind: 'AddPartitionClause', temporary, partition, distribution }
      : { kind: 'AddPartitionClause', temporary, partition };
  }
  if (temporary) throw c.fail('PARTITION');
  if (c.acceptWord('ROLLUP')) {
    const rollups: RollupDefinition[] = [parseRollupDefinition(c)];
    // `ADD ROLLUP r1 (…), r2 (…)`: a comma followed by `name (` continues the rollup list
    while (c.isOp(',') && isIdentifierToken(c.peek(1)) && c.isOp('(', 2)) {
      c.next();
      rollups.push(parseRollupDefinition(c));
    }
    return { kind: 'AddRollupClause', rollups };
  }
  if (c.acceptWord('INDEX')) return { kind: 'AddIndexClause', index: parseIndexDefinition(c) };
  throw c.fail('COLUMN, PARTITION, TEMPORARY PARTITION, ROLLUP or INDEX');
}

function parseDrop(c: TokenCursor): AlterTableClause {
  if (c.acceptWord('COLUMN')) {
    const column = parseIdentifier(c, 'column name');
    const rollup = parseOptionalRollupTarget(c, 'FROM');
    return withRollup({ kind: 'DropColumnClause', column, properties: parseOptionalProperties(c) }, rollup);
  }
  let temporary = c.acceptWord('TEMPORARY');
  if (c.acceptWord('PARTITION')) {
    // Doris binlog records render a temporary partition drop as `DROP PARTITION TEMPORARY p`.
    if (!temporary && c.isWord('TEMPORARY') && isIdentifierToken(c.peek(1))) {
      c.next();
      temporary = true;
    }
    const ifExists = parseIfExists(c);
    const name = parseIdentifier(c, 'partition name');
    const force = c.acceptWord('FORCE');
    return { kind: 'DropPartitionClause', temporary, ifExists, name, force };
  }
  if (temporary) throw c.fail('PARTITION');
  if (c.acceptWord('ROLLUP')) {
    const name = parseIdentifier(c, 'rollup name');
    return { kind: 'DropRollupClause', name, properties: parseOptionalProperties(c) };
  }
  if (c.acceptWord('INDEX')) {
    const ifExists = parseIfExists(c);
    return { kind: 'DropIndexClause', ifExists, name: parseIdentifier(c, 'index name') };
  }
  throw c.fail('COLUMN, PARTITION, TEMPORARY PARTITION, ROLLUP or INDEX');
}

function parseModify(c: TokenCursor): AlterTableClause {
  if (c.acceptWord('COLUMN')) {
    if (isIdentifierToken(c.peek()) && c.isWord('COMMENT', 1)) {
      const column = parseIdentifier(c, 'column name');
      c.next();
      return { kind: 'ModifyColumnCommentClause', column, comment: parseString(c, 'comment string') };
    }
    const column = parseColumnDefinition(c);
    const position = parseOptionalPosition(c);
    const rollup = parseOptionalRollupTarget(c, 'FROM');
    const properties = parseOptionalProperties(c);
    return withRollup(
      position
        ? { kind: 'ModifyColumnClause', column, position, properties }
        : { kind: 'ModifyColumnClause', column, properties },
      rollup,
    );
  }
  if (c.acceptWord('COMMENT'))
    return { kind: 'ModifyTableCommentClause', comment: parseString(c, 'comment string') };
  if (c.acceptWord('PARTITION')) {
    let partitions: string[] | '*';
    if (c.isOp('(') && c.isOp('*', 1) && c.isOp(')', 2)) {
      c.next();
      c.next();
      c.next();
      partitions = '*';
    } else {
      partitions = parsePartitionNames(c, false);
    }
    c.expectWord('SET');
    return { kind: 'ModifyPartitionClause', partitions, properties: parsePropertyList(c) };
  }
  if (c.acceptWord('DISTRIBUTION')) {
    c.expectWords('DISTRIBUTED', 'BY');
    return { kind: 'ModifyDistributionClause', distribution: parseDistribution(c) };
  }
  if (c.isWord('ENGINE')) throw c.unsupported(`ALTER TABLE … MODIFY ${c.peek().upper}`);
  throw c.fail('COLUMN, COMMENT or PARTITION');
}

function parseRename(c: TokenCursor): AlterTableClause {
  for (const what of ['PARTITION', 'COLUMN', 'ROLLUP'] as const) {
    if (c.isWord(what) && isIdentifierToken(c.peek(1)) && isIdentifierToken(c.peek(2))) {
      c.next();
      const oldName = parseIdentifier(c, `${what.toLowerCase()} name`);
      const newName = parseIdentifier(c, `new ${what.toLowerCase()} name`);
      switch (what) {
        case 'PARTITION':
          return { kind: 'RenamePartitionClause', oldName, newName };
        case 'COLUMN':
          return { kind: 'RenameColumnClause', oldName, newName };
        case 'ROLLUP':
          return { kind: 'RenameRollupClause', oldName, newName };
      }
    }
  }
  return { kind: 'RenameTableClause', newName: parseIdentifier(c, 'new table name') };
}

function parseReplace(c: TokenCursor): AlterTableClause {
  if (c.acceptWords('WITH', 'TABLE')) {
    const table = parseIdentifier(c, 'table name');
    const properties = parseOptionalProperties(c);
    const force = c.acceptWord('FORCE');
    return { kind: 'ReplaceWithTableClause', table, properties, force };
  }
  const partitions = parseReplacedPartitions(c, false);
  c.expectWord('WITH');
  const tempPartitions = parseReplacedPartitions(c, true);
  const force = c.acceptWord('FORCE');
  return {
    kind: 'ReplacePartitionClause',
    partitions,
    tempPartitions,
    force,
    properties: parseOptionalProperties(c),
  };
}

function parseReplacedPartitions(c: TokenCursor, temporary: boolean): string[] {
  if (temporary) c.expectWord('TEMPORARY');
  else if (c.isWord('TEMPORARY')) throw c.fail('PARTITION (formal partitions are replaced)');
  if (c.acceptWord('PARTITION')) return parsePartitionNames(c, false);
  if (c.acceptWord('PARTITIONS')) return parsePartitionNames(c, true);
  throw c.fail(temporary ? 'TEMPORARY PARTITION' : 'PARTITION or WITH TABLE');
}
