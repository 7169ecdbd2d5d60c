// What Doris's BE refuses in a table with `variant_enable_flatten_nested`: one path that is under a nested
// array of objects in some documents and a plain object member in others (`{"n":[{"a":1}]}` and
// `{"n":{"a":2}}` both have the path n.a), within a load or against what the tablet already holds. The
// check runs per tablet, as the BE merges each tablet's subcolumn schema (variant_util's
// check_variant_has_no_ambiguous_paths).
import type { StoredRow } from '../../be/tablet-store.js';
import { baseColumns, type OlapTable } from '../../catalog/table.js';
import { jsonElements, jsonObjectMembers } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';

/** The paths of one document's leaves, each with whether it lies under a nested array of objects. */
function leafPaths(doc: string, path: string, nested: boolean, out: Map<string, boolean>): void {
  const members = jsonObjectMembers(doc);
  if (members !== undefined) {
    if (members.length === 0 && path !== '') out.set(path, nested);
    for (const [name, member] of members)
      leafPaths(member, path === '' ? name : `${path}.${name}`, nested, out);
    return;
  }
  const elements = nested ? undefined : jsonElements(doc);
  if (elements !== undefined && elements.length > 0 && elements.every((e) => e.startsWith('{'))) {
    for (const element of elements) leafPaths(element, path, true, out);
    return;
  }
  if (path !== '') out.set(path, nested);
}

/**
 * Refuses `rows` when a VARIANT path is nested in some documents and not in others, among the rows and the
 * tablet's `existing` rows.
 *
 * @throws SqlError `[DATA_QUALITY_ERROR]Ambiguous paths: …`, as the BE words it.
 */
export function checkNestedPaths(
  table: OlapTable,
  existing: Iterable<StoredRow>,
  rows: readonly StoredRow[],
): void {
  const uids = baseColumns(table)
    .filter((c) => c.type.kind === 'VARIANT')
    .map((c) => String(c.uniqueId));
  if (uids.length === 0 || rows.length === 0) return;
  for (const uid of uids) {
    const seen = new Map<string, boolean>();
    const add = (row: StoredRow) => {
      const doc = row[uid];
      if (typeof doc !== 'string') return;
      const paths = new Map<string, boolean>();
      leafPaths(doc, '', false, paths);
      for (const [path, nested] of paths) {
        const before = seen.get(path);
        if (before !== undefined && before !== nested) {
          throw dorisError(
            `[DATA_QUALITY_ERROR]Ambiguous paths: ${path} vs ${path} with different nested part ${nested} vs ${before}`,
          );
        }
        seen.set(path, nested);
      }
    };
    for (const row of existing) add(row);
    for (const row of rows) add(row);
  }
}
