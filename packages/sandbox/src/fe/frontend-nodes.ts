// The FE processes of a sandbox cluster (`--frontends N`). All of them share one catalog in this process —
// what a real cluster keeps in sync by replicating the edit log — but only the master serves the CCR RPCs:
// followers answer NOT_MASTER with the master's address, as Doris does. SQL works through any FE. Killing
// an FE closes its ports; killing the master promotes the next live FE, like a Doris master election; a
// restarted FE comes back on its ports as a follower.
import { type FrontendService, type ServiceHandlers, StatusCode } from '@doris-ccr/protocol';

export interface FeNodePorts {
  queryPort: number;
  rpcPort: number;
  httpPort: number;
  editLogPort: number;
}

export interface FeNode {
  readonly index: number;
  readonly name: string;
  readonly ports: FeNodePorts;
  alive: boolean;
  /** Opens the node's servers on its ports (set by whoever runs the cluster). */
  open?: () => Promise<void>;
  /** Closes the node's servers (set once they listen). */
  close?: () => Promise<void>;
}

export class FrontendNodes {
  readonly nodes: FeNode[];
  private masterIndex = 0;

  constructor(count: number) {
    this.nodes = Array.from({ length: count }, (_, index) => ({
      index,
      name: `fe_${index}`,
      ports: { queryPort: 0, rpcPort: 0, httpPort: 0, editLogPort: 0 },
      alive: true,
    }));
  }

  get master(): FeNode {
    return this.nodes[this.masterIndex]!;
  }

  isMaster(node: FeNode): boolean {
    return node.index === this.masterIndex;
  }

  /** Stops an FE; if it was the master, the first live follower becomes master. */
  async kill(index: number): Promise<FeNode> {
    const node = this.markDown(index);
    await node.close?.();
    return node;
  }

  /** The state change of kill() alone (the caller closes the node's servers). */
  markDown(index: number): FeNode {
    const node = this.nodes[index];
    if (!node?.alive) throw new Error(`frontend ${index} does not exist or is already down`);
    if (this.nodes.filter((n) => n.alive).length === 1) throw new Error('cannot kill the last live frontend');
    node.alive = false;
    if (this.isMaster(node)) this.masterIndex = this.nodes.find((n) => n.alive)!.index;
    return node;
  }

  /** Starts a stopped FE again on its ports; it rejoins as a follower, as a restarted Doris FE does. */
  async restart(index: number): Promise<FeNode> {
    const node = this.nodes[index];
    if (!node) throw new Error(`frontend ${index} does not exist`);
    if (node.alive) throw new Error(`frontend ${index} is already running`);
    await node.open?.();
    node.alive = true;
    return node;
  }
}

/**
 * Wraps the master's handlers: on a follower every method answers NOT_MASTER with the current master's
 * host and rpc port (every CCR method's result carries `master_address`).
 */
export function followerAwareHandlers(
  nodes: FrontendNodes,
  node: FeNode,
  host: string,
  master: ServiceHandlers<typeof FrontendService>,
): ServiceHandlers<typeof FrontendService> {
  const wrapped: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(master)) {
    wrapped[name] = (request: unknown, ctx: unknown) => {
      if (nodes.isMaster(node)) return (handler as (r: unknown, c: unknown) => unknown)(request, ctx);
      return {
        status: { status_code: StatusCode.NOT_MASTER, error_msgs: ['FE is not master'] },
        master_address: { hostname: host, port: nodes.master.ports.rpcPort },
      };
    };
  }
  return wrapped as ServiceHandlers<typeof FrontendService>;
}
