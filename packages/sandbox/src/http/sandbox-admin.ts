// Sandbox-only admin endpoints on every FE's HTTP port, so tests in another process can drive failures a
// real cluster's operator would cause from outside:
//   POST /api/_sandbox/kill_frontend?index=N   stops FE N (its ports close; a follower becomes master)
//   POST /api/_sandbox/start_frontend?index=N  starts a stopped FE again on its ports, as a follower
//   POST /api/_sandbox/stop_backend?id=N       stops BE N's process (its ports close; SHOW BACKENDS: not alive)
//   POST /api/_sandbox/start_backend?id=N      starts it again on its ports
//   GET  /api/_sandbox/topology                 every FE and BE process with ports and state
import type { ServerResponse } from 'node:http';
import type { BackendProcess } from '../be/backend-process.js';
import type { Frontend } from '../fe/frontend.js';
import type { HttpRoute } from './listen-http.js';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Where every FE and BE process of the cluster listens, and what state each is in. */
export function topology(fe: Frontend) {
  return {
    frontends: fe.frontends.nodes.map((n) => ({
      index: n.index,
      name: n.name,
      alive: n.alive,
      isMaster: fe.frontends.isMaster(n),
      queryPort: n.ports.queryPort,
      rpcPort: n.ports.rpcPort,
      httpPort: n.ports.httpPort,
    })),
    backends: fe.system.processes.map((p) => ({
      id: p.registered ? p.backend.id.toString() : null,
      registered: p.registered,
      decommissioned: p.registered && p.backend.decommissioned,
      running: p.close !== undefined,
      ...p.ports,
    })),
  };
}

function frontendIndex(url: URL, fe: Frontend): number {
  const text = url.searchParams.get('index');
  const index = Number(text);
  if (text === null || !Number.isInteger(index) || index < 0 || index >= fe.frontends.nodes.length) {
    throw new Error(
      `index must be a frontend index from 0 to ${fe.frontends.nodes.length - 1}, got '${text}'`,
    );
  }
  return index;
}

/** The process of a registered backend (a BE is stopped and started by its backend id). */
function backendProcess(url: URL, fe: Frontend): BackendProcess {
  const text = url.searchParams.get('id') ?? '';
  const process = /^\d+$/.test(text)
    ? fe.system.processes.find((p) => p.registered && p.backend.id === BigInt(text))
    : undefined;
  if (!process) throw new Error(`id must be the backend id of a BE this sandbox runs, got '${text}'`);
  return process;
}

/** The admin route of FE `self` (its index). */
export function sandboxAdminRoute(fe: Frontend, self: number): HttpRoute {
  return async (req, res, url) => {
    if (!url.pathname.startsWith('/api/_sandbox/')) return false;
    const action = url.pathname.slice('/api/_sandbox/'.length);
    try {
      if (action === 'topology' && req.method === 'GET') {
        json(res, 200, topology(fe));
      } else if (action === 'kill_frontend' && req.method === 'POST') {
        const node = fe.frontends.markDown(frontendIndex(url, fe));
        const answer = { killed: node.name, master: fe.frontends.master.name };
        if (node.index !== self) {
          // The FE is gone (sessions cut, ports closed) by the time the caller hears back.
          await node.close?.();
          json(res, 200, answer);
        } else {
          // Killing the FE asked: answer first, then close its servers.
          const sent = new Promise((resolve) => {
            res.once('finish', resolve);
            res.once('close', resolve);
          });
          json(res, 200, answer);
          await sent;
          await node.close?.();
        }
      } else if (action === 'start_frontend' && req.method === 'POST') {
        const node = await fe.frontends.restart(frontendIndex(url, fe));
        json(res, 200, { started: node.name, master: fe.frontends.master.name });
      } else if ((action === 'stop_backend' || action === 'start_backend') && req.method === 'POST') {
        const process = backendProcess(url, fe);
        if (action === 'stop_backend') {
          if (!process.close) throw new Error(`backend ${process.backend.id} is already stopped`);
          process.backend.alive = false;
          await process.close();
        } else {
          if (process.close) throw new Error(`backend ${process.backend.id} is already running`);
          await process.open?.();
          process.backend.alive = true;
        }
        json(res, 200, { backend: process.backend.id.toString(), running: process.close !== undefined });
      } else {
        json(res, 404, { error: `no sandbox admin action ${req.method} ${url.pathname}` });
      }
    } catch (error) {
      json(res, 400, { error: (error as Error).message });
    }
    return true;
  };
}
