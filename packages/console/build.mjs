// Bundles the console for the syncer to serve at /ui: src/main.tsx (Preact, uPlot) into dist/app.js and
// dist/app.css, next to index.html. Run by `npm run build` (and so at `npm ci`, through the root prepare);
// dist/ is never committed.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const here = (path) => new URL(path, import.meta.url).pathname;
rmSync(here('dist'), { recursive: true, force: true });
mkdirSync(here('dist'));
await build({
  entryPoints: { app: here('src/main.tsx') },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: here('dist'),
  logLevel: 'warning',
});
copyFileSync(here('src/index.html'), here('dist/index.html'));
