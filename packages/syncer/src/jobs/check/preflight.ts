// POST /check: everything a job needs from its two clusters, checked from the syncer's side before (or
// while) it runs — login, versions, privileges, the binlog feature, every FE and BE reachable, binlog on
// what it copies, the target free, and the runway against a full sync. Read-only: nothing is created.
import type { CheckItem, CheckReport } from '../../model/job-service.js';
import type { Spec } from '../../model/spec.js';
import type { ClusterAccess } from '../cluster-access.js';
import type { TableFilter } from '../db-sync/table-filter.js';
import { item, type Side } from './attempt.js';
import { type ClusterReport, clusterChecks } from './cluster-checks.js';
import {
  binlogEnabledCheck,
  type RunwayBasis,
  runwayCheck,
  targetCheck,
  versionsCompatible,
} from './job-checks.js';

export interface PreflightInput {
  readonly src: Spec;
  readonly dest: Spec;
  /** Database jobs: which tables are copied. */
  readonly filter?: TableFilter;
  /** The specs are those of an existing job (its target is its own). */
  readonly existingJob: boolean;
  readonly connect: (spec: Spec) => Promise<ClusterAccess>;
  /** Where the runway comes from once the source is connected. */
  readonly runway: (src: ClusterAccess) => Promise<RunwayBasis>;
  readonly now: number;
  readonly probeTimeoutMs: number;
}

const PRIVILEGES_NEEDED =
  "the syncer's user needs ADMIN (frontends(), SHOW PROC, SHOW BACKENDS) and SELECT, LOAD, ALTER, CREATE, DROP on the database";

interface SideResult {
  readonly access?: ClusterAccess;
  readonly report: ClusterReport;
}

async function checkSide(side: Side, spec: Spec, input: PreflightInput): Promise<SideResult> {
  const where = `${spec.host}:${spec.port} as ${spec.user}`;
  let access: ClusterAccess;
  try {
    access = await input.connect(spec);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    // frontends(), the first statement of a connection, already needs ADMIN: say what the user lacks.
    const hint = /access denied|privilege/i.test(why) ? `; ${PRIVILEGES_NEEDED}` : '';
    return { report: { items: [item('connect', side, false, `cannot connect to ${where}: ${why}${hint}`)] } };
  }
  const report = await clusterChecks(side, access, input.probeTimeoutMs);
  return {
    access,
    report: { ...report, items: [item('connect', side, true, `logged in to ${where}`), ...report.items] },
  };
}

/** A password never leaves in a detail, even inside a message some layer wrote. */
function scrub(items: readonly CheckItem[], specs: readonly Spec[]): CheckItem[] {
  const secrets = specs.map((s) => s.password).filter((p) => p.length >= 4);
  return items.map((i) => ({ ...i, detail: secrets.reduce((d, p) => d.replaceAll(p, '******'), i.detail) }));
}

export async function preflight(input: PreflightInput): Promise<CheckReport> {
  const [src, dest] = await Promise.all([
    checkSide('src', input.src, input),
    checkSide('dest', input.dest, input),
  ]);
  try {
    const items: CheckItem[] = [...src.report.items, ...dest.report.items];
    items.push(...versionsCompatible(src.report.feVersion, dest.report.feVersion));
    if (src.access) {
      const access = src.access;
      items.push(...(await binlogEnabledCheck(access, input.filter)));
      const basis = await input.runway(access).catch((error: Error) => error);
      if (basis instanceof Error) items.push(item('runway', 'src', false, basis.message));
      else items.push(...(await runwayCheck(access, basis, input.now)));
    }
    if (dest.access) items.push(...(await targetCheck(dest.access, input.existingJob)));
    const checks = scrub(items, [input.src, input.dest]);
    return { ok: checks.every((c) => c.ok), checks };
  } finally {
    await Promise.all([src.access?.close(), dest.access?.close()]);
  }
}
