// The contract between the MySQL-protocol server and the FE that executes statements. The server knows
// packets; the FE knows SQL. Neither imports the other's internals.

/** How a result column is announced to the client (MySQL column type); every value is sent as text. */
export type ColumnKind =
  | 'tinyint'
  | 'smallint'
  | 'int'
  | 'bigint'
  | 'largeint'
  | 'float'
  | 'double'
  | 'decimal'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'varchar'
  | 'json';

export interface ResultColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /**
   * Digits after the point of a DECIMAL or DATETIME column, announced as the column's `decimals` as Doris
   * does; binary-protocol clients (mysql2) format fractional seconds by it.
   */
  readonly scale?: number;
}

/** A text result set: values are already rendered as Doris renders them; null is SQL NULL. */
export interface ResultSet {
  readonly kind: 'resultSet';
  readonly columns: readonly ResultColumn[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | null>>;
}

export interface OkResult {
  readonly kind: 'ok';
  readonly affectedRows?: number;
  /** Doris puts e.g. `{'label':'…', 'status':'VISIBLE', 'txnId':'…'}` here after a load. */
  readonly info?: string;
}

/**
 * `LOAD DATA LOCAL INFILE`: the client must send the file first. The server asks for `fileName`, collects
 * what the client sends and hands it to `complete`, whose result answers the statement.
 */
export interface LocalInfileRequest {
  readonly kind: 'localInfile';
  readonly fileName: string;
  complete(data: Buffer): OkResult;
}

export type StatementResult = ResultSet | OkResult | LocalInfileRequest;

/**
 * A failure reported to the client as an ERR packet. Doris uses code 1105 / SQLSTATE HY000 with a message of
 * the form `errCode = 2, detailMessage = …` for almost everything; see `dorisError()`.
 */
export class SqlError extends Error {
  override readonly name = 'SqlError';
  /**
   * For a multi-statement COM_QUERY: the results of the statements that succeeded before the failing one. The
   * server sends them ahead of the ERR packet, as MySQL does, so the FE sets this before rethrowing.
   */
  precedingResults: readonly StatementResult[] = [];
  constructor(
    message: string,
    readonly code = 1105,
    readonly sqlState = 'HY000',
  ) {
    super(message);
  }
}

export function dorisError(detailMessage: string, code = 1105): SqlError {
  return new SqlError(`errCode = 2, detailMessage = ${detailMessage}`, code);
}

/**
 * A parameter of COM_STMT_EXECUTE, decoded from its binary form: `number` is the text of a numeric literal
 * (integers exact, floating-point values as their shortest round-trip decimal), `string` text (blobs are
 * read as UTF-8, Doris having no binary type), `temporal` a date, datetime or time in Doris's text form.
 */
export type ParamValue =
  | null
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'temporal'; readonly text: string };

/** A statement prepared by COM_STMT_PREPARE. */
export interface PreparedStatement {
  readonly paramCount: number;
  /** The result columns, as far as they are known before execution ([] for statements without rows). */
  readonly columns: readonly ResultColumn[];
  /** Runs the statement with `params` (exactly `paramCount` of them) in place of its `?` markers. */
  execute(params: readonly ParamValue[]): Promise<StatementResult>;
}

/** A column as COM_FIELD_LIST describes it. */
export interface TableField extends ResultColumn {
  readonly defaultValue: string | null;
}

/** One client connection's state, owned by the FE. */
export interface Session {
  readonly user: string;
  /** Runs one COM_QUERY text, which may hold several `;`-separated statements: one result per statement. */
  execute(sql: string): Promise<StatementResult[]>;
  /**
   * COM_STMT_PREPARE: checks one statement with `?` parameter markers; throws SqlError for a statement
   * that cannot be prepared (Doris prepares SELECT and INSERT only).
   */
  prepare(sql: string): Promise<PreparedStatement>;
  /** COM_FIELD_LIST: the columns of a table of the current database; throws SqlError if there is none. */
  fieldList(table: string): { readonly database: string; readonly fields: readonly TableField[] };
  /** COM_INIT_DB, and a database named in the handshake. Throws SqlError for an unknown database. */
  useDatabase(db: string): void;
  /** COM_RESET_CONNECTION: forgets session and user variables; the current database stays. */
  reset(): void;
  close(): void;
}

export interface AuthRequest {
  readonly user: string;
  readonly remoteHost: string;
  /** True when the client proved knowledge of `password` (mysql_native_password scramble check). */
  readonly verify: (password: string) => boolean;
  /** The same check against a stored SHA1(SHA1(password)) in hex ('' for an empty password). */
  readonly verifyHash: (doubleSha1Hex: string) => boolean;
  /** Whether the client sent a password at all (for "using password: YES/NO" in errors). */
  readonly usedPassword: boolean;
}

/** The FE side: authenticates a connection and opens its session. */
export interface SessionFactory {
  /** Returns a session, or throws SqlError (1045 access denied) when the user or password is wrong. */
  open(auth: AuthRequest, connectionId: number): Session;
}
