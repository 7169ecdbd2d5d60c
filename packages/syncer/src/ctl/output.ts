// How the ccr command prints for people: tables (cli-table3), colour (picocolors; off when stdout is not
// a terminal or NO_COLOR is set), durations and sizes in words a person reads at a glance.
import Table from 'cli-table3';
import pc from 'picocolors';

export interface Output {
  readonly color: boolean;
  /** stdout is a terminal: live updates (progress bars, a redrawn lag line) make sense. */
  readonly tty: boolean;
  readonly c: ReturnType<typeof pc.createColors>;
  out(text: string): void;
  err(text: string): void;
}

export function terminalOutput(stream: NodeJS.WriteStream = process.stdout): Output {
  const tty = stream.isTTY === true;
  const color = tty && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  return {
    color,
    tty,
    c: pc.createColors(color),
    out: (text) => stream.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}

/** Visible width of a cell (colour codes take no room). */
function cellWidth(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what this leaves out
  return Math.max(...text.split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length));
}

/**
 * A table; with `wrapLast`, the last column is wrapped so the table fits the terminal's width (120
 * columns when stdout is not a terminal), the other columns keeping their natural width.
 */
export function table(
  o: Output,
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: { readonly wrapLast?: boolean } = {},
): string {
  let colWidths: (number | null)[] | undefined;
  if (options.wrapLast && head.length > 1) {
    const all = [head, ...rows];
    const widths = head.map((_, i) => Math.max(...all.map((r) => cellWidth(r[i] ?? ''))) + 2);
    const room =
      (process.stdout.columns || 120) - (widths.slice(0, -1).reduce((a, b) => a + b, 0) + head.length + 1);
    const last = widths[widths.length - 1]!;
    if (last > room) colWidths = [...widths.slice(0, -1), Math.max(24, room)];
  }
  const t = new Table({
    ...(colWidths ? { colWidths } : {}),
    head: head.map((h) => o.c.bold(h)),
    // cli-table3 colours its own head and border red/grey unless told not to.
    style: { head: [], border: [] },
    // No rule between rows: a check list or a job list reads as one block.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: true,
  });
  for (const row of rows) t.push([...row]);
  return t.toString();
}

/** Key/value lines without borders: `status NAME`. */
export function fields(o: Output, entries: readonly (readonly [string, string | undefined])[]): string {
  const shown = entries.filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  const width = Math.max(...shown.map(([k]) => k.length));
  return shown.map(([k, v]) => `${o.c.dim(k.padEnd(width))}  ${v}`).join('\n');
}

/** 0.4 s, 12 s, 3 min 5 s, 2 h 10 min, 3 d 4 h. */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '-';
  if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86_400)
    return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86_400)} d${Math.floor((s % 86_400) / 3600) ? ` ${Math.floor((s % 86_400) / 3600)} h` : ''}`;
}

export function bytes(n: number | undefined): string {
  if (n === undefined) return '-';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export function stateColour(o: Output, state: string): string {
  switch (state) {
    case 'running':
      return o.c.green(state);
    case 'paused':
      return o.c.yellow(state);
    case 'failing':
    case 'stalled':
      return o.c.red(state);
    default:
      return state;
  }
}

export function mark(o: Output, ok: boolean): string {
  return ok ? o.c.green('✓') : o.c.red('✗');
}

export function time(ms: number | undefined): string {
  if (ms === undefined || ms <= 0) return '-';
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}
