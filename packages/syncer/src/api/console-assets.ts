// The web console (packages/console, built into its dist/ by `npm run build`) served at /ui/. Its files
// are open like /version — they hold no data; every call the page makes carries the API token.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const CONSOLE_PREFIX = '/ui';

/** Where the built console is, or undefined when the package or its build is missing. */
export function consoleAssetsDir(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@doris-ccr/console/package.json');
    const dir = join(dirname(pkg), 'dist');
    return existsSync(join(dir, 'index.html')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Serves the console's files under /ui/ (/ui redirects there); without a build, says how to get one. */
export function registerConsole(app: FastifyInstance, dir: string | undefined): void {
  if (dir) {
    app.register(fastifyStatic, { root: dir, prefix: CONSOLE_PREFIX, redirect: true });
    return;
  }
  app.route({
    method: 'GET',
    url: '/ui/*',
    schema: { hide: true },
    handler: (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('the web console is not built: run `npm run build` in the doris-ccr checkout\n'),
  });
}
