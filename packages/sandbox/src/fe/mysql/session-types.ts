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

export type StatementResult = ResultSet | OkResult;

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

/** One client connection's state, owned by the FE. */
export interface Session {
  readonly user: string;
  /** Runs one COM_QUERY text, which may hold several `;`-separated statements: one result per statement. */
  execute(sql: string): Promise<StatementResult[]>;
  /** COM_INIT_DB, and a database named in the handshake. Throws SqlError for an unknown database. */
  useDatabase(db: string): void;
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
