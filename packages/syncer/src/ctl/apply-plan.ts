// What `ccr apply` would change to make the syncer's jobs match a file: create what is missing, change a
// host mapping in place (the one thing /update_host_mapping can change), and report everything else that
// differs — it needs the job deleted and created again (a new full sync), so only --replace does it.
// Jobs the file does not list are deleted only with --prune. Passwords are never compared: the syncer
// does not answer them.
import type { JobDetailView } from './api-types.js';
import type { FileJob, FileSpec } from './job-file.js';

export type PlannedAction =
  | { readonly kind: 'create'; readonly name: string; readonly job: FileJob }
  | {
      readonly kind: 'update_host_mapping';
      readonly name: string;
      readonly changes: readonly string[];
      /** /update_host_mapping's bodies: new and changed keys, removed ones mapped to ''. */
      readonly src: Readonly<Record<string, string>>;
      readonly dest: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'replace';
      readonly name: string;
      readonly changes: readonly string[];
      readonly job: FileJob;
      readonly allowed: boolean;
    }
  | { readonly kind: 'delete'; readonly name: string; readonly allowed: boolean }
  | { readonly kind: 'unchanged'; readonly name: string };

const COMPARED_SPEC_KEYS = ['host', 'port', 'thrift_port', 'user', 'database', 'table', 'cluster'] as const;

function show(value: unknown): string {
  if (value === undefined || value === '' || value === null) return '(none)';
  if (typeof value === 'object' && Object.keys(value).length === 0) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function sameList(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  return (
    JSON.stringify([...(a ?? [])].map(String).sort()) === JSON.stringify([...(b ?? [])].map(String).sort())
  );
}

function mapping(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => typeof v === 'string' && v !== ''),
  ) as Record<string, string>;
}

/** Keys to send to /update_host_mapping so the stored mapping becomes `want`. */
function mappingChange(have: Record<string, string>, want: Record<string, string>): Record<string, string> {
  const change: Record<string, string> = {};
  for (const [k, v] of Object.entries(want)) if (have[k] !== v) change[k] = v;
  for (const k of Object.keys(have)) if (!(k in want)) change[k] = '';
  return change;
}

function specChanges(
  side: 'src' | 'dest',
  have: Readonly<Record<string, unknown>>,
  want: FileSpec,
): string[] {
  const out: string[] = [];
  for (const key of COMPARED_SPEC_KEYS) {
    const a = String(have[key] ?? '');
    const b = String(want[key] ?? '');
    if (a !== b) out.push(`${side}.${key}: ${show(a)} → ${show(b)}`);
  }
  return out;
}

/** How a job on the syncer differs from the file's: [changes needing a replace, host mapping changes]. */
function differences(have: JobDetailView, want: FileJob) {
  const replace = [...specChanges('src', have.src, want.src), ...specChanges('dest', have.dest, want.dest)];
  const extra = have.extra ?? {};
  for (const key of ['include_tables', 'exclude_tables'] as const)
    if (!sameList(extra[key] as unknown[] | undefined, want[key]))
      replace.push(`${key}: ${show(extra[key] ?? [])} → ${show(want[key] ?? [])}`);
  for (const key of ['follow_recreated_table', 'reuse_binlog_label'] as const)
    if ((extra[key] === true) !== (want[key] === true))
      replace.push(`${key}: ${extra[key] === true} → ${want[key] === true}`);
  const mappings = { src: {}, dest: {} } as Record<'src' | 'dest', Record<string, string>>;
  const mappingText: string[] = [];
  for (const side of ['src', 'dest'] as const) {
    const before = mapping(have[side].host_mapping);
    const after = mapping(want[side].host_mapping);
    mappings[side] = mappingChange(before, after);
    if (Object.keys(mappings[side]).length > 0)
      mappingText.push(`${side}.host_mapping: ${show(before)} → ${show(after)}`);
  }
  return { replace, mappings, mappingText };
}

export interface PlanOptions {
  readonly prune: boolean;
  readonly replace: boolean;
}

/** `current`: job_detail of every job on the syncer, by name. */
export function planApply(
  file: readonly FileJob[],
  current: ReadonlyMap<string, JobDetailView>,
  options: PlanOptions,
): PlannedAction[] {
  const plan: PlannedAction[] = [];
  for (const want of file) {
    const have = current.get(want.name);
    if (!have) {
      plan.push({ kind: 'create', name: want.name, job: want });
      continue;
    }
    const d = differences(have, want);
    if (d.replace.length > 0)
      // A mapping change rides along with a replace: the new job is created with the file's mapping.
      plan.push({
        kind: 'replace',
        name: want.name,
        changes: [...d.replace, ...d.mappingText],
        job: want,
        allowed: options.replace,
      });
    else if (d.mappingText.length > 0)
      plan.push({
        kind: 'update_host_mapping',
        name: want.name,
        changes: d.mappingText,
        src: d.mappings.src,
        dest: d.mappings.dest,
      });
    else plan.push({ kind: 'unchanged', name: want.name });
  }
  const listed = new Set(file.map((j) => j.name));
  for (const name of [...current.keys()].sort())
    if (!listed.has(name)) plan.push({ kind: 'delete', name, allowed: options.prune });
  return plan;
}

/** Whether an action changes something when run with its options. */
function changes(a: PlannedAction): boolean {
  switch (a.kind) {
    case 'create':
    case 'update_host_mapping':
      return true;
    case 'replace':
    case 'delete':
      return a.allowed;
    case 'unchanged':
      return false;
  }
}

/** Actions that would change something when run with these options. */
export function effective(plan: readonly PlannedAction[]): PlannedAction[] {
  return plan.filter(changes);
}
