// A cluster reports its FEs and BEs by the addresses they registered with (often private IPs). The spec's
// `host_mapping` translates those into addresses the syncer can reach (private → public).
import type { Spec } from '../model/spec.js';

/** The cluster reported an address the host mapping has no entry for, so it cannot be reached. */
export class HostMappingError extends Error {
  override readonly name = 'HostMappingError';
  constructor(
    readonly host: string,
    what: string,
  ) {
    super(`host_mapping has no entry for ${host} (${what}); add it with /update_host_mapping`);
  }
}

export class HostMapper {
  private readonly mapping: ReadonlyMap<string, string>;
  private readonly reachable: ReadonlySet<string>;

  /**
   * `reachable` hosts map to themselves even when a mapping exists: the spec's own `host` is by definition
   * an address the syncer can use, and a cluster reporting it back must not make a call fail.
   */
  constructor(mapping: Spec['host_mapping'], reachable: readonly string[] = []) {
    // An empty public value means "no entry" (that is how /update_host_mapping deletes a key).
    this.mapping = new Map(Object.entries(mapping ?? {}).filter(([, to]) => typeof to === 'string' && to));
    this.reachable = new Set(reachable);
  }

  static forSpec(spec: Pick<Spec, 'host' | 'host_mapping'>): HostMapper {
    return new HostMapper(spec.host_mapping, [spec.host]);
  }

  /** Whether any mapping is configured; without one every address is used as reported. */
  get active(): boolean {
    return this.mapping.size > 0;
  }

  /** The reachable address for a reported host; throws HostMappingError when a mapping lacks it. */
  map(host: string, what: string): string {
    const mapped = this.tryMap(host);
    if (mapped === undefined) throw new HostMappingError(host, what);
    return mapped;
  }

  /** Like map(), but undefined instead of an error. */
  tryMap(host: string): string | undefined {
    const mapped = this.mapping.get(host);
    if (mapped !== undefined) return mapped;
    if (!this.active || this.reachable.has(host)) return host;
    return undefined;
  }
}
