// SQL text of an expression: the condition text a delete predicate carries to the BEs (and to target BEs
// through ingest), and the expression quoted in DELETE's error messages. Column names are back-quoted and
// unqualified, strings single-quoted, so the text parses again as a WHERE condition.
import { assertNever, dataTypeLabel, type Expression } from '../../sql/index.js';

export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function quoteName(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** A literal written as a value (what a delete condition may compare with), or undefined. */
export function literalSql(e: Expression): string | undefined {
  switch (e.kind) {
    case 'IntegerLiteral':
      return e.value.toString();
    case 'DecimalLiteral':
      return e.text;
    case 'StringLiteral':
      return quoteString(e.value);
    case 'BooleanLiteral':
      return e.value ? 'TRUE' : 'FALSE';
    case 'NullLiteral':
      return 'NULL';
    case 'UnaryExpression': {
      if (e.operator !== '-' && e.operator !== '+') return undefined;
      const inner =
        e.operand.kind === 'IntegerLiteral' || e.operand.kind === 'DecimalLiteral'
          ? literalSql(e.operand)
          : undefined;
      if (inner === undefined) return undefined;
      return e.operator === '+' ? inner : inner.startsWith('-') ? inner.slice(1) : `-${inner}`;
    }
    case 'CastExpression':
      // Typed literals (DATE '2024-01-01') are parsed as casts of a string; the value is the string.
      return e.operand.kind === 'StringLiteral' ? literalSql(e.operand) : undefined;
    default:
      return undefined;
  }
}

export function expressionSql(e: Expression): string {
  const sql = expressionSql;
  switch (e.kind) {
    case 'IntegerLiteral':
    case 'DecimalLiteral':
    case 'StringLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return literalSql(e) ?? '';
    case 'DefaultMarker':
      return 'DEFAULT';
    case 'ColumnRef':
      return quoteName(e.name);
    case 'VariableRef':
      return e.scope === 'USER' ? `@${e.name}` : `@@${e.name}`;
    case 'UnaryExpression':
      return e.operator === 'NOT' ? `NOT (${sql(e.operand)})` : `${e.operator}${sql(e.operand)}`;
    case 'BinaryExpression':
      return `(${sql(e.left)} ${e.operator} ${sql(e.right)})`;
    case 'InListExpression':
      return `${sql(e.operand)}${e.negated ? ' NOT' : ''} IN (${e.list.map(sql).join(', ')})`;
    case 'InSubqueryExpression':
      return `${sql(e.operand)}${e.negated ? ' NOT' : ''} IN (subquery)`;
    case 'BetweenExpression':
      return `${sql(e.operand)}${e.negated ? ' NOT' : ''} BETWEEN ${sql(e.low)} AND ${sql(e.high)}`;
    case 'LikeExpression':
      return `${sql(e.operand)}${e.negated ? ' NOT' : ''} LIKE ${sql(e.pattern)}`;
    case 'IsNullExpression':
      return `${sql(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL`;
    case 'FunctionCall':
      return `${e.name.toLowerCase()}(${e.star ? '*' : `${e.distinct ? 'DISTINCT ' : ''}${e.args.map(sql).join(', ')}`})`;
    case 'CastExpression':
      return `CAST(${sql(e.operand)} AS ${dataTypeLabel(e.type)})`;
    case 'CaseExpression':
      return `CASE${e.operand ? ` ${sql(e.operand)}` : ''}${e.whens.map((w) => ` WHEN ${sql(w.condition)} THEN ${sql(w.result)}`).join('')}${e.else ? ` ELSE ${sql(e.else)}` : ''} END`;
    case 'ScalarSubquery':
      return '(subquery)';
    case 'ExistsExpression':
      return `${e.negated ? 'NOT ' : ''}EXISTS (subquery)`;
    default:
      return assertNever(e, 'expression');
  }
}
