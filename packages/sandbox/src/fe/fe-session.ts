// One MySQL-protocol session of the FE: parses the text of each COM_QUERY and runs its statements in
// order. A failing statement stops the rest; earlier results are still returned to the client.

import { baseColumns } from '../catalog/table.js';
import { executeStatement } from './exec/dispatch.js';
import type { ExecContext, SessionState } from './exec/exec-context.js';
import { findTable, requireDb } from './exec/exec-context.js';
import type { InsertHooks } from './exec/insert-exec.js';
import type { Frontend } from './frontend.js';
import { publicMessage } from './internal-error.js';
import {
  dorisError,
  type PreparedStatement,
  type Session,
  SqlError,
  type StatementResult,
  type TableField,
} from './mysql/session-types.js';
import { prepareStatement } from './prepared-statement.js';
import { columnKindOf, columnScaleOf } from './query/index.js';
import { type ParsedStatement, SqlError as ParseError, parseScript } from './sql/index.js';

export class FeSession implements Session {
  private readonly state: SessionState;

  constructor(
    private readonly fe: Frontend,
    user: string,
    connectionId: number,
    private readonly hooks: InsertHooks,
    frontendIndex = 0,
  ) {
    this.state = { user, connectionId, currentDb: undefined, variables: new Map(), frontendIndex };
  }

  get user(): string {
    return this.state.user;
  }

  async execute(sql: string): Promise<StatementResult[]> {
    let parsed: ParsedStatement[];
    try {
      parsed = parseScript(sql);
    } catch (error) {
      if (error instanceof ParseError)
        throw new SqlError(error.message, error.mysqlErrorCode, error.sqlState);
      throw error;
    }
    const results: StatementResult[] = [];
    for (const statement of parsed) {
      const ctx: ExecContext = { fe: this.fe, session: this.state, text: statement.text };
      try {
        results.push(await executeStatement(ctx, statement.statement, this.hooks));
      } catch (error) {
        const sqlError = toSqlError(error);
        (sqlError as { precedingResults: readonly StatementResult[] }).precedingResults = results;
        throw sqlError;
      }
    }
    return results;
  }

  async prepare(sql: string): Promise<PreparedStatement> {
    try {
      return await prepareStatement(sql, (text) => this.execute(text));
    } catch (error) {
      throw toSqlError(error);
    }
  }

  fieldList(table: string): { database: string; fields: TableField[] } {
    const ctx: ExecContext = { fe: this.fe, session: this.state, text: '' };
    const found = findTable(ctx, { table });
    if (found.table.kind === 'VIEW') {
      // A view keeps its columns' types as SQL text only: announced as strings, as Doris types them loosely.
      const fields = found.table.columns.map((c) => ({
        name: c.name,
        kind: 'varchar' as const,
        defaultValue: null,
      }));
      return { database: found.db.name, fields };
    }
    const fields = baseColumns(found.table)
      .filter((c) => c.visible)
      .map((c) => ({
        name: c.name,
        kind: columnKindOf(c.type),
        scale: columnScaleOf(c.type),
        defaultValue: c.defaultValue ?? null,
      }));
    return { database: found.db.name, fields };
  }

  reset(): void {
    this.state.variables.clear();
  }

  useDatabase(db: string): void {
    requireDb({ fe: this.fe, session: this.state, text: '' }, db);
    this.state.currentDb = db;
  }

  close(): void {}
}

function toSqlError(error: unknown): SqlError {
  if (error instanceof SqlError) return error;
  if (error instanceof ParseError) return new SqlError(error.message, error.mysqlErrorCode, error.sqlState);
  return dorisError(publicMessage(error));
}
