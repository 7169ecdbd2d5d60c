// A small stand-in for the FE behind the MySQL server: users with passwords, a few databases, and statements
// answered from a table of canned results. It records what the server asked of it.
import {
  type AuthRequest,
  dorisError,
  type ParamValue,
  type PreparedStatement,
  type Session,
  type SessionFactory,
  SqlError,
  type StatementResult,
  type TableField,
} from '../../src/fe/mysql/index.js';

export type Responder = (sql: string, session: FakeSession) => StatementResult | Promise<StatementResult>;

export class FakeFe implements SessionFactory {
  readonly users = new Map<string, string>([
    ['root', ''],
    ['alice', 'secret'],
    ['李雷', 'pässwörd'],
  ]);
  readonly databases = new Set(['db1', 'db2', 'ccr_测试']);
  readonly opened: FakeSession[] = [];
  readonly connectionIds: number[] = [];
  readonly authRequests: AuthRequest[] = [];
  /** Tables COM_FIELD_LIST knows, in any database. */
  readonly tables = new Map<string, TableField[]>();
  /** Statement text (trimmed) → answer. Unknown statements fail like Doris's parser does. */
  readonly responders = new Map<string, Responder>();

  open(auth: AuthRequest, connectionId: number): Session {
    this.authRequests.push(auth);
    const expected = this.users.get(auth.user);
    if (expected === undefined || !auth.verify(expected)) {
      // An empty token is the only thing that verifies as the empty password: that is "using password: NO".
      const usingPassword = auth.verify('') ? 'NO' : 'YES';
      throw new SqlError(
        `Access denied for user '${auth.user}'@'${auth.remoteHost}' (using password: ${usingPassword})`,
        1045,
        '28000',
      );
    }
    const session = new FakeSession(this, auth.user, connectionId);
    this.opened.push(session);
    this.connectionIds.push(connectionId);
    return session;
  }

  on(sql: string, responder: Responder | StatementResult): this {
    this.responders.set(sql, typeof responder === 'function' ? responder : () => responder);
    return this;
  }
}

export class FakeSession implements Session {
  database: string | undefined;
  readonly executed: string[] = [];
  readonly executedParams: (readonly ParamValue[])[] = [];
  closeCount = 0;
  resetCount = 0;

  constructor(
    private readonly fe: FakeFe,
    readonly user: string,
    readonly connectionId: number,
  ) {}

  async execute(sql: string): Promise<StatementResult[]> {
    this.executed.push(sql);
    const results: StatementResult[] = [];
    // The fake splits on ';' naively: the tests' statements contain no semicolons in literals.
    const statements = sql
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    for (const statement of statements) {
      try {
        results.push(await this.executeOne(statement));
      } catch (e) {
        if (e instanceof SqlError) e.precedingResults = results;
        throw e;
      }
    }
    return results;
  }

  private async executeOne(statement: string): Promise<StatementResult> {
    const responder = this.fe.responders.get(statement);
    if (responder) return responder(statement, this);
    if (/^set\s/i.test(statement)) return { kind: 'ok' };
    if (/^use\s/i.test(statement)) {
      this.useDatabase(statement.slice(4).trim().replace(/`/g, ''));
      return { kind: 'ok' };
    }
    if (statement === 'select database()') {
      return {
        kind: 'resultSet',
        columns: [{ name: 'database()', kind: 'varchar' }],
        rows: [[this.database ?? null]],
      };
    }
    throw dorisError(`Syntax error in line 1:\n${statement}`);
  }

  /** Counts `?` naively and substitutes quoted values: enough for the protocol tests' statements. */
  async prepare(sql: string): Promise<PreparedStatement> {
    const parts = sql.split('?');
    const [probe] = await this.execute(parts.join('NULL'));
    if (probe === undefined) throw dorisError('Only support prepare SelectStmt or InsertStmt now');
    return {
      paramCount: parts.length - 1,
      columns: probe.kind === 'resultSet' ? probe.columns : [],
      execute: async (params: readonly ParamValue[]) => {
        const literal = (p: ParamValue) =>
          p === null ? 'NULL' : p.kind === 'number' ? p.text : `'${p.kind === 'string' ? p.value : p.text}'`;
        const text = parts.reduce(
          (out, part, i) => out + (i > 0 ? literal(params[i - 1] ?? null) : '') + part,
          '',
        );
        this.executedParams.push(params);
        const [result] = await this.execute(text);
        return result ?? { kind: 'ok' };
      },
    };
  }

  fieldList(table: string): { database: string; fields: TableField[] } {
    const fields = this.fe.tables.get(table);
    if (!fields || this.database === undefined) throw new SqlError(`Unknown table '${table}'`, 1051, '42S02');
    return { database: this.database, fields };
  }

  reset(): void {
    this.resetCount++;
  }

  useDatabase(db: string): void {
    if (!this.fe.databases.has(db)) throw new SqlError(`Unknown database '${db}'`, 1049, '42000');
    this.database = db;
  }

  close(): void {
    this.closeCount++;
  }
}
