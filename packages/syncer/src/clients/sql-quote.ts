// Quoting for the statements this layer builds. Unlike the Go syncer (behaviour §8.3) embedded quote
// characters are escaped, so a name can never end an identifier or literal early.

/** A backticked identifier; surrounding whitespace is trimmed like the Go syncer does, `` ` `` is doubled. */
export function quoteIdent(name: string): string {
  return `\`${name.trim().replaceAll('`', '``')}\``;
}

/** `db`.`tbl` */
export function quoteQualified(db: string, table: string): string {
  return `${quoteIdent(db)}.${quoteIdent(table)}`;
}

/** A single-quoted string literal with MySQL backslash escapes. */
export function quoteString(value: string): string {
  let out = "'";
  for (const ch of value) {
    if (ch === '\\' || ch === "'" || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\0') out += '\\0';
    else out += ch;
  }
  return `${out}'`;
}
