// The -config_file format: `key=value` lines, blank lines and `#` comment lines ignored. Go applies the
// pairs after the command line, so the file wins; that is kept. Unlike Go, a quoted value is unquoted and
// may be followed by a `# comment`, so the Go syncer's own shipped db.conf (`db_name="ccr" # default
// value`) means db_name=ccr instead of the literal text (syncer-operations.md §3.4). Unquoted values are
// taken verbatim, since a password may contain " #".
import { readFileSync } from 'node:fs';

export interface ConfigEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
}

function unquote(raw: string, where: string): string {
  const quote = raw[0];
  if (quote !== '"' && quote !== "'") return raw;
  const end = raw.indexOf(quote, 1);
  if (end < 0) throw new ConfigFileError(`${where}: unterminated ${quote} quote`);
  const rest = raw.slice(end + 1).trim();
  if (rest !== '' && !rest.startsWith('#')) {
    throw new ConfigFileError(`${where}: unexpected text after the quoted value: ${rest}`);
  }
  return raw.slice(1, end);
}

export function parseConfigText(text: string, path: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const trimmed = (lines[index] ?? '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const where = `${path} line ${index + 1}`;
    const at = trimmed.indexOf('=');
    if (at <= 0) throw new ConfigFileError(`${where}: expected key=value, got: ${trimmed}`);
    const key = trimmed.slice(0, at).trim();
    // A leading dash, as written on a command line, is tolerated.
    const bareKey = key.replace(/^-{1,2}/, '');
    entries.push({ key: bareKey, value: unquote(trimmed.slice(at + 1).trim(), where), line: index + 1 });
  }
  return entries;
}

export function readConfigFile(path: string): ConfigEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigFileError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  return parseConfigText(text, path);
}
