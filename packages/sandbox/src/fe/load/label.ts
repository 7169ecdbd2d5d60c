// Labels the FE gives loads that were not given one: `<kind>_<16 hex>_<16 hex>`, as Doris forms them from
// a UUID's two halves (insert_…, stream_load_…, group_commit_…).
import { randomBytes } from 'node:crypto';

export function newLabel(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}_${randomBytes(8).toString('hex')}`;
}
