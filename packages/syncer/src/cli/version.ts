// The /version and -version text. Go injects "<tag>:<short sha>" at build time; here the package
// version is read at run time, and a build can add the commit through CCR_SYNCER_BUILD_SHA.
import { readFileSync } from 'node:fs';

const NOT_PROVIDED = 'version not provided';

export function syncerVersion(env: NodeJS.ProcessEnv = process.env): string {
  let version: string | undefined;
  try {
    // dist/src/cli/version.js → packages/syncer/package.json
    const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
    const parsed = JSON.parse(text) as { version?: unknown };
    if (typeof parsed.version === 'string') version = `v${parsed.version}`;
  } catch {
    version = undefined;
  }
  const sha = env.CCR_SYNCER_BUILD_SHA;
  if (version === undefined) return sha ? `${NOT_PROVIDED}:${sha}` : NOT_PROVIDED;
  return sha ? `${version}:${sha}` : version;
}
