/**
 * SQL front end of the doris-sandbox FE: lexer, AST and recursive-descent parser for the subset of
 * Doris SQL that the CCR syncer, its regression scenarios and common MySQL clients send.
 */
export type * from './ast/admin-statements.js';
export type * from './ast/alter-table.js';
export type * from './ast/backup-statements.js';
export type * from './ast/column.js';
export type * from './ast/data-type.js';
export { dataTypeLabel } from './ast/data-type.js';
export type * from './ast/database-statements.js';
export type * from './ast/dml-statements.js';
export type * from './ast/expression.js';
export type * from './ast/names.js';
export type * from './ast/partition.js';
export type * from './ast/select.js';
export type * from './ast/session-statements.js';
export type * from './ast/show-statements.js';
export type * from './ast/statement.js';
export type * from './ast/table-statements.js';
export type * from './ast/user-statements.js';
export type * from './ast/view-statements.js';
export type {
  AlterTableClauseVisitor,
  ExpressionVisitor,
  StatementVisitor,
} from './ast/visitor.js';
export {
  assertNever,
  childExpressions,
  visitAlterTableClause,
  visitExpression,
  visitStatement,
} from './ast/visitor.js';
export { SqlError, SqlSyntaxError, UnsupportedStatementError } from './errors.js';
export { tokenize } from './lexer/lexer.js';
export type { Token, TokenType } from './lexer/token.js';
export type { ParsedStatement } from './parser/parse-script.js';
export { parseScript, parseStatement, parseStatements } from './parser/parse-script.js';
export type { SourcePosition } from './source-position.js';
