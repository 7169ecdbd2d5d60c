// Routine load and broker load read an external system (Kafka, a broker process, S3, HDFS) that the sandbox
// has no client for. Each statement is checked as Doris checks it before it would reach that system (the
// database, the target tables, the source's required properties), then the system is tried the way Doris
// first reaches it — a TCP connection to the Kafka brokers, the S3 endpoint or the HDFS name node — and an
// unreachable one is answered with the error Doris gives for it. Where Doris accepts the statement and
// fails the job later (routine load pauses, a broker load on HDFS is cancelled), the sandbox refuses the
// statement with the error that job would fail with; a reachable system is refused as not supported.
import { connect } from 'node:net';
import { checkPriv, type ExecContext, findOlapTable, unsupported } from '../exec/exec-context.js';
import { dorisError, SqlError, type StatementResult } from '../mysql/session-types.js';
import type { BrokerLoadStatement, CreateRoutineLoadStatement, Property } from '../sql/index.js';

const PROBE_TIMEOUT_MS = 2000;

type Probe =
  | { readonly reached: true }
  | { readonly reached: false; readonly reason: string; readonly exception: string };

/** One TCP connection attempt, with the reason as Java's socket exceptions word it when it fails. */
function probe(host: string, port: number): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: Probe) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () =>
      done({ reached: false, reason: 'connect timed out', exception: 'java.net.SocketTimeoutException' }),
    );
    socket.once('connect', () => done({ reached: true }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(
        error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
          ? // java.net.UnknownHostException's message is the host name itself
            { reached: false, reason: host, exception: 'java.net.UnknownHostException' }
          : { reached: false, reason: 'Connection refused', exception: 'java.net.ConnectException' },
      ),
    );
  });
}

function property(properties: readonly Property[], ...keys: string[]): string | undefined {
  for (const key of keys) {
    const found = properties.find((p) => p.key.toLowerCase() === key);
    if (found !== undefined && found.value.trim() !== '') return found.value.trim();
  }
  return undefined;
}

/** `host:port` (or a URL with one); `port` when none is written. */
function hostPort(address: string, port: number): { host: string; port: number } {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? new URL(address) : new URL(`tcp://${address}`);
  const defaultPort = url.protocol === 'https:' ? 443 : url.protocol === 'http:' ? 80 : port;
  return { host: url.hostname, port: url.port === '' ? defaultPort : Number(url.port) };
}

/** `CREATE ROUTINE LOAD … FROM KAFKA (…)`. */
export async function createRoutineLoad(
  ctx: ExecContext,
  stmt: CreateRoutineLoadStatement,
): Promise<StatementResult> {
  if (stmt.table !== undefined) {
    const { db, table } = findOlapTable(ctx, {
      ...(stmt.job.database === undefined ? {} : { database: stmt.job.database }),
      table: stmt.table,
    });
    checkPriv(ctx, 'LOAD', db.name, table.name);
  }
  if (stmt.dataSource !== 'KAFKA') {
    throw dorisError(`routine load job does not support this type ${stmt.dataSource}`);
  }
  const brokerList = property(stmt.sourceProperties, 'kafka_broker_list');
  if (brokerList === undefined) throw dorisError('kafka_broker_list is a required property');
  const topic = property(stmt.sourceProperties, 'kafka_topic');
  if (topic === undefined) throw dorisError('kafka_topic is a required property');
  const brokers = brokerList.split(',').map((b) => hostPort(b.trim(), 9092));
  const probes = await Promise.all(brokers.map((b) => probe(b.host, b.port)));
  if (probes.some((p) => p.reached)) {
    unsupported('CREATE ROUTINE LOAD from a reachable Kafka (the sandbox has no Kafka client)');
  }
  // what the job pauses with when its first metadata request finds no broker (librdkafka's wording)
  throw dorisError(
    `Failed to get all partitions of kafka topic: ${topic} error: errCode = 2, detailMessage = failed to get kafka partition info: [failed to get partition meta: Local: Broker transport failure]`,
  );
}

/** `LOAD LABEL … WITH BROKER | S3 | HDFS`. */
export async function brokerLoad(ctx: ExecContext, stmt: BrokerLoadStatement): Promise<StatementResult> {
  for (const name of stmt.tables) {
    const { db, table } = findOlapTable(ctx, {
      ...(stmt.label.database === undefined ? {} : { database: stmt.label.database }),
      table: name,
    });
    checkPriv(ctx, 'LOAD', db.name, table.name);
  }
  const storage = stmt.storage;
  switch (storage.kind) {
    case 'BROKER':
      // the sandbox has no broker processes (SHOW BROKER is empty), so every name is unknown
      throw dorisError(`Unknown broker name(${storage.name})`);
    case 'S3': {
      const endpoint = property(stmt.storageProperties, 'aws_endpoint', 's3.endpoint');
      if (endpoint === undefined) return unsupported('LOAD … WITH S3 without an endpoint');
      const { host, port } = hostPort(endpoint, 80);
      const result = await probe(host, port);
      if (result.reached)
        return unsupported('LOAD … WITH S3 from a reachable endpoint (the sandbox reads no object storage)');
      // LoadStmt's endpoint check: InternalErrorCode.GET_REMOTE_DATA_ERROR
      throw new SqlError(
        `errCode = 202, detailMessage = Failed to access object storage, message=${result.reason}`,
        1105,
      );
    }
    case 'HDFS': {
      const fs = property(stmt.storageProperties, 'fs.defaultfs') ?? stmt.files[0];
      if (fs === undefined || !/^hdfs:\/\//i.test(fs))
        return unsupported('LOAD … WITH HDFS without an hdfs:// name node');
      const { host, port } = hostPort(fs, 8020);
      const result = await probe(host, port);
      if (result.reached)
        return unsupported('LOAD … WITH HDFS from a reachable name node (the sandbox has no HDFS client)');
      // the Hadoop client's wording (NetUtils.wrapException), which the job would be cancelled with
      const wiki =
        { ConnectException: 'ConnectionRefused', SocketTimeoutException: 'SocketTimeout' }[
          result.exception.replace('java.net.', '')
        ] ?? 'UnknownHost';
      throw dorisError(
        `Call From ${ctx.fe.host} to ${host}:${port} failed on connection exception: ${result.exception}: ${result.reason}; For more details see:  http://wiki.apache.org/hadoop/${wiki}`,
      );
    }
  }
}
