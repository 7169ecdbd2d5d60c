// The conditions of an event listing, the same on every store engine (`?` placeholders).
import type { EventQuery } from '../model/job-events.js';

/** The WHERE part of an event listing shared by every engine (`?` placeholders). */
export function eventFilter(query: EventQuery): { where: string; params: number[]; newest: boolean } {
  let where = '';
  const params: number[] = [];
  if (query.afterId !== undefined) {
    where += ' AND id > ?';
    params.push(query.afterId);
  }
  if (query.fromAt !== undefined) {
    where += ' AND at >= ?';
    params.push(query.fromAt);
  }
  return { where, params, newest: query.afterId === undefined && query.fromAt === undefined };
}
