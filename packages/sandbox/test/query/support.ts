// In-memory relations, a resolver and an environment for query engine tests.
import assert from 'node:assert/strict';
import type { ResultSet } from '../../src/fe/mysql/session-types.js';
import { SqlError } from '../../src/fe/mysql/session-types.js';
import type {
  EvalEnvironment,
  Relation,
  RelationColumn,
  RelationResolver,
} from '../../src/fe/query/index.js';
import { executeSelect } from '../../src/fe/query/index.js';
import { parseStatement } from '../../src/fe/sql/index.js';
import { parseTypeName, type StoredValue } from '../../src/types/index.js';

/** Columns from `name TYPE` pairs: `columns('k1 INT', 'v VARCHAR(10)')`. All nullable. */
export function columns(...specs: string[]): RelationColumn[] {
  return specs.map((spec) => {
    const space = spec.indexOf(' ');
    return { name: spec.slice(0, space), type: parseTypeName(spec.slice(space + 1)), nullable: true };
  });
}

export function relation(
  name: string,
  cols: readonly RelationColumn[],
  rows: readonly (readonly StoredValue[])[],
  count?: number,
): Relation {
  const base: Relation = { name, columns: cols, rows: () => rows };
  return count === undefined ? base : { ...base, count: () => count };
}

export class FakeResolver implements RelationResolver {
  readonly tables = new Map<string, Relation>();
  readonly functions = new Map<string, (args: readonly StoredValue[]) => Relation>();
  readonly calls: string[] = [];

  add(rel: Relation, database = 'db1'): this {
    this.tables.set(`${database}.${rel.name}`, rel);
    return this;
  }

  table(database: string | undefined, table: string): Relation {
    const db = database ?? 'db1';
    this.calls.push(`${db}.${table}`);
    const found = this.tables.get(`${db}.${table}`);
    if (found === undefined)
      throw new SqlError(`errCode = 2, detailMessage = Table [${table}] does not exist in database [${db}].`);
    return found;
  }

  tableFunction(name: string, args: readonly StoredValue[]): Relation {
    const fn = this.functions.get(name.toLowerCase());
    if (fn === undefined) throw new SqlError(`errCode = 2, detailMessage = Can not found function '${name}'`);
    return fn(args);
  }
}

export interface EnvOptions {
  readonly database?: string;
  readonly user?: string;
  readonly nowMs?: number;
  readonly variables?: Record<string, StoredValue>;
}

export function env(options: EnvOptions = {}): EvalEnvironment {
  const variables = options.variables ?? {
    version_comment: 'Doris version doris-2.1.7',
    time_zone: '+08:00',
  };
  return {
    currentDatabase: 'database' in options ? options.database : 'db1',
    currentUser: options.user ?? "'root'@'%'",
    nowMs: options.nowMs ?? Date.UTC(2024, 0, 15, 2, 30, 45, 123),
    variable: (scope, name) => {
      if (scope === 'USER') return variables[`@${name}`];
      return variables[name.toLowerCase()];
    },
  };
}

export function run(
  sql: string,
  resolver: RelationResolver = new FakeResolver(),
  environment = env(),
): ResultSet {
  const statement = parseStatement(sql);
  assert.equal(statement.kind, 'SelectStatement', sql);
  if (statement.kind !== 'SelectStatement') throw new Error('not a select');
  return executeSelect(statement, resolver, environment);
}

/** The rows of a query as arrays of text (null for NULL). */
export function rows(
  sql: string,
  resolver?: RelationResolver,
  environment?: EvalEnvironment,
): (string | null)[][] {
  return run(sql, resolver, environment).rows.map((r) => [...r]);
}

/** The single value of a one-row, one-column query. */
export function scalar(
  sql: string,
  resolver?: RelationResolver,
  environment?: EvalEnvironment,
): string | null {
  const result = rows(sql, resolver, environment);
  assert.equal(result.length, 1, `one row expected from ${sql}`);
  assert.equal(result[0]?.length, 1, `one column expected from ${sql}`);
  return result[0]?.[0] ?? null;
}

export function names(sql: string, resolver?: RelationResolver): string[] {
  return run(sql, resolver).columns.map((c) => c.name);
}

/** Asserts that the query fails with a SqlError whose message contains `detail`. */
export function fails(sql: string, detail: string | RegExp, resolver?: RelationResolver): void {
  assert.throws(
    () => run(sql, resolver),
    (error: unknown) => {
      assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`);
      if (typeof detail === 'string') assert.ok(error.message.includes(detail), `message: ${error.message}`);
      else assert.match(error.message, detail);
      return true;
    },
  );
}

/** A sample table: id INT, name VARCHAR, score DECIMAL(10,2), big BIGINT, dt DATE, ts DATETIME, flag BOOLEAN. */
export function sampleResolver(): FakeResolver {
  const cols = columns(
    'id INT',
    'name VARCHAR(20)',
    'score DECIMAL(10,2)',
    'big BIGINT',
    'dt DATE',
    'ts DATETIME',
    'flag BOOLEAN',
  );
  const data: StoredValue[][] = [
    [1, 'alice', '10.50', '9223372036854775807', '2024-01-01', '2024-01-01 10:00:00', 1],
    [2, 'bob', '20.25', '-9223372036854775808', '2024-02-15', '2024-02-15 12:30:00', 0],
    [3, 'carol', null, '9007199254740993', '2023-12-31', '2023-12-31 23:59:59', 1],
    [4, null, '5.00', null, null, null, null],
    [5, 'dave', '20.25', '1', '2024-01-01', '2024-01-01 00:00:00', 0],
  ];
  return new FakeResolver().add(relation('t', cols, data));
}
