// BE debug points (Doris's /api/debug_point/{add,remove,clear}, allowed with enable_debug_points=true): a
// named point, once added, changes what the BE does where its code checks it — for `execute` hits, or
// until `timeout` seconds pass — so tests can make a real failure happen on demand. The sandbox's points:
// - TabletDownload.fail: /api/_tablet/_download answers 500 for a snapshot data file (a failed download).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExtraRoute } from './http-server.js';

interface Point {
  /** Hits left; undefined: unlimited. */
  remaining: number | undefined;
  /** Unix ms after which the point is gone; undefined: never. */
  expiresAt: number | undefined;
}

export class DebugPoints {
  private readonly points = new Map<string, Point>();

  add(name: string, options: { execute?: number; timeoutSeconds?: number } = {}): void {
    this.points.set(name, {
      remaining: options.execute !== undefined && options.execute > 0 ? options.execute : undefined,
      expiresAt:
        options.timeoutSeconds !== undefined && options.timeoutSeconds > 0
          ? Date.now() + options.timeoutSeconds * 1000
          : undefined,
    });
  }

  remove(name: string): void {
    this.points.delete(name);
  }

  clear(): void {
    this.points.clear();
  }

  /** Whether the point is active here; uses up one of its hits. */
  hit(name: string): boolean {
    const point = this.points.get(name);
    if (!point) return false;
    if (point.expiresAt !== undefined && Date.now() > point.expiresAt) {
      this.points.delete(name);
      return false;
    }
    if (point.remaining !== undefined && --point.remaining <= 0) this.points.delete(name);
    return true;
  }
}

/** Doris's Status JSON: `{"status": "OK", "msg": ""}` or an error with its message. */
function reply(res: ServerResponse, ok: boolean, msg = ''): void {
  res.writeHead(ok ? 200 : 500, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ status: ok ? 'OK' : 'Internal error', msg }));
}

function optionalInt(url: URL, name: string): number | undefined {
  const text = url.searchParams.get(name);
  if (text === null || text === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`invalid ${name} ${text}`);
  return n;
}

export function debugPointRoute(points: DebugPoints, enabled: () => boolean): ExtraRoute {
  return (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const m = /^\/api\/debug_point\/(add|remove|clear)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m || req.method !== 'POST') return false;
    if (!enabled()) {
      reply(res, false, 'Disable debug points. please check config::enable_debug_points');
      return true;
    }
    const [, action, name] = m;
    if (action === 'clear') {
      points.clear();
      reply(res, true);
      return true;
    }
    if (!name) {
      reply(res, false, 'Empty debug point name');
      return true;
    }
    const point = decodeURIComponent(name);
    if (action === 'remove') {
      points.remove(point);
      reply(res, true);
      return true;
    }
    try {
      const execute = optionalInt(url, 'execute');
      const timeoutSeconds = optionalInt(url, 'timeout');
      points.add(point, {
        ...(execute === undefined ? {} : { execute }),
        ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
      });
      reply(res, true);
    } catch (error) {
      reply(res, false, (error as Error).message);
    }
    return true;
  };
}
