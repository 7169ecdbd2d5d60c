// One row of a text-protocol result, read by column name like the Go syncer does (sql-surface.md §1.1):
// the name must match exactly, a missing column is a hard error, extra columns are ignored. Values arrive
// as text (or as numbers for small integer types); the readers convert them the way Go's parsers do.

/** A column the syncer needs is not in the result: the server speaks a different Doris dialect. */
export class MissingColumnError extends Error {
  override readonly name = 'MissingColumnError';
  constructor(
    readonly column: string,
    readonly statement: string,
    readonly columns: readonly string[],
  ) {
    super(`column '${column}' missing from the result of: ${statement} (columns: ${columns.join(', ')})`);
  }
}

/** A column holds a value the syncer cannot interpret (e.g. a non-numeric id). */
export class ColumnValueError extends Error {
  override readonly name = 'ColumnValueError';
}

const TRUE_TEXT = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE_TEXT = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/** Go's strconv.ParseBool, which is what the Go syncer applies to `IsMaster` and config values. */
export function parseGoBool(text: string): boolean | undefined {
  if (TRUE_TEXT.has(text)) return true;
  if (FALSE_TEXT.has(text)) return false;
  return undefined;
}

export class SqlRow {
  constructor(
    private readonly values: Readonly<Record<string, unknown>>,
    /** Column names in result order, for error messages. */
    readonly columns: readonly string[],
    /** The statement that produced the row, for error messages. */
    readonly statement: string,
  ) {}

  has(column: string): boolean {
    return Object.hasOwn(this.values, column);
  }

  /** The raw value (string, number, null, …) or a MissingColumnError. */
  raw(column: string): unknown {
    if (!this.has(column)) throw new MissingColumnError(column, this.statement, this.columns);
    return this.values[column];
  }

  /** Text of a column; SQL NULL reads as "" (a Go string scan of a NULL text column). */
  string(column: string): string {
    const value = this.raw(column);
    if (value === null || value === undefined) return '';
    if (Buffer.isBuffer(value)) return value.toString('utf8');
    return String(value);
  }

  /** Text of a column, or null for SQL NULL. */
  nullableString(column: string): string | null {
    const value = this.raw(column);
    return value === null || value === undefined ? null : this.string(column);
  }

  /** A 64-bit integer column (ids, versions) as bigint; base-10 text only, like Go's ParseInt(s, 10, 64). */
  int64(column: string): bigint {
    const value = this.raw(column);
    if (typeof value === 'bigint') return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
    const text = typeof value === 'string' ? value.trim() : '';
    if (!/^[-+]?\d+$/.test(text)) throw this.badValue(column, value, 'an integer');
    const parsed = BigInt(text);
    if (parsed < -(1n << 63n) || parsed >= 1n << 63n) throw this.badValue(column, value, 'a 64-bit integer');
    return parsed;
  }

  /** A port or count: an int64 that fits a JS number. */
  int(column: string): number {
    const value = this.int64(column);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw this.badValue(column, value, 'a safe integer');
    }
    return Number(value);
  }

  /** A boolean column, parsed like Go's ParseBool. */
  bool(column: string): boolean {
    const value = this.raw(column);
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
    const parsed = parseGoBool(this.string(column));
    if (parsed === undefined) throw this.badValue(column, value, 'a boolean');
    return parsed;
  }

  private badValue(column: string, value: unknown, expected: string): ColumnValueError {
    return new ColumnValueError(
      `column '${column}' of the result of: ${this.statement} is not ${expected}: ${String(value)}`,
    );
  }
}
