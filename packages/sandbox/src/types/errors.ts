// Typed errors of the value-type layer. Messages follow Doris's wording where Doris has a fixed one, so that
// a client (or a test written against a real cluster) sees the same text from the sandbox.

/** A type name or type parameters that Doris would reject (unknown name, precision out of range, ...). */
export class InvalidTypeError extends Error {
  override readonly name = 'InvalidTypeError';
}

/** Where a value is going; only used to make messages point at the column. */
export interface CoerceContext {
  readonly column?: string;
}

/**
 * A value that cannot be stored in a column of the given type (out of range, too long, not a date, ...).
 * `detail` is the Doris-style reason; the message prefixes it with `column_name[<col>], ` when the column is
 * known, which is how Doris's load error log names the column.
 */
export class ValueError extends Error {
  override readonly name = 'ValueError';
  readonly column: string | undefined;
  readonly detail: string;

  constructor(detail: string, context?: CoerceContext) {
    const column = context?.column;
    super(column === undefined ? detail : `column_name[${column}], ${detail}`);
    this.column = column;
    this.detail = detail;
  }
}

export { assertNever } from '../assert-never.js';
