// The live view of a full or partial sync (job_status's sync_progress): a cli-progress bar on a terminal,
// one line per phase or per tenth of the way otherwise (a log file or a pipe gets no escape codes).
import cliProgress from 'cli-progress';
import type { JobStatusView, SyncProgress } from './api-types.js';
import { bytes, duration, type Output } from './output.js';

function tablesText(p: SyncProgress): string {
  return p.tables_total === undefined ? '' : `${p.tables_done ?? 0}/${p.tables_total} tables`;
}

function bytesText(p: SyncProgress): string {
  if (p.bytes_total === undefined) return '';
  return `${bytes(p.bytes_done ?? 0)}/${bytes(p.bytes_total)}`;
}

function dorisText(p: SyncProgress): string {
  const d = p.doris;
  if (!d) return '';
  const text = [d.State, d.Progress && d.Progress !== 'N/A' ? d.Progress : ''].filter(Boolean).join(' ');
  // SHOW RESTORE's Progress lists every BE's tasks: the start says enough on one line.
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

export class SyncProgressView {
  #bar: cliProgress.SingleBar | undefined;
  #lastLine = '';
  #lastTenth = -1;
  #seen = false;
  #last: SyncProgress | undefined;

  constructor(private readonly o: Output) {}

  /** A sync has been shown at some point. */
  get seen(): boolean {
    return this.#seen;
  }

  show(status: JobStatusView): void {
    const p = status.sync_progress;
    if (!p) return;
    this.#seen = true;
    this.#last = p;
    const percent = Math.max(0, Math.min(100, Math.floor(p.percent)));
    const payload = {
      kind: `${p.kind} sync`,
      phase: p.phase.padEnd(8),
      tables: tablesText(p),
      size: bytesText(p),
      // Not `eta`: cli-progress fills that token itself, from its own estimate.
      left: p.eta_seconds === undefined ? '' : `ETA ${duration(p.eta_seconds)}`,
      doris: dorisText(p),
      error: status.last_error ? this.o.c.red(` ${status.last_error.slice(0, 80)}`) : '',
    };
    if (this.o.tty) {
      if (!this.#bar) {
        this.#bar = new cliProgress.SingleBar(
          {
            format: `{kind} ${this.o.c.cyan('{phase}')} |{bar}| {percentage}% {tables} {size} {left} {doris}{error}`,
            barsize: 30,
            hideCursor: true,
            clearOnComplete: false,
            stopOnComplete: false,
            fps: 10,
          },
          cliProgress.Presets.shades_classic,
        );
        this.#bar.start(100, percent, payload);
      } else this.#bar.update(percent, payload);
      return;
    }
    const tenth = Math.floor(percent / 10);
    const line = `${payload.kind} ${p.phase} ${percent}% ${payload.tables} ${payload.size} ${payload.left}`
      .replace(/\s+/g, ' ')
      .trim();
    if (tenth !== this.#lastTenth || !this.#lastLine.startsWith(`${payload.kind} ${p.phase} `)) {
      this.o.out(line);
      this.#lastTenth = tenth;
      this.#lastLine = line;
    }
  }

  /** The sync ended (or the watch did): leave the bar where it is and give the line back. */
  stop(finalPercent?: number): void {
    if (!this.#bar) return;
    // The sync is over: every table is done and Doris's task fields no longer apply.
    const total = this.#last?.tables_total;
    if (finalPercent !== undefined)
      this.#bar.update(finalPercent, {
        phase: 'done'.padEnd(8),
        tables: total === undefined ? '' : `${total}/${total} tables`,
        left: '',
        doris: '',
      });
    this.#bar.stop();
    this.#bar = undefined;
  }
}
