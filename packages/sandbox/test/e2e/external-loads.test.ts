// Routine load and broker load need an external system (Kafka, a broker process, S3, HDFS). Through the
// MySQL protocol: each statement is checked as Doris checks it first (target table, required Kafka
// properties, source type), an unreachable system is answered with Doris's error for it, a reachable one is
// refused as not supported by the sandbox, and none of them writes a row or a binlog record.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { readBinlogs } from './alter-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';

/** A port nothing listens on: one a server held a moment ago. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('routine load and broker load', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  let refused: number;
  let listening: Server;
  let open: number;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE el PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(
      `CREATE TABLE el.t (k INT, v STRING) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
       PROPERTIES ("replication_num" = "1")`,
    );
    refused = await closedPort();
    listening = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    open = (listening.address() as { port: number }).port;
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
    listening?.close();
  });

  const routineLoad = (properties: string, source = 'KAFKA', table = 't') =>
    conn.query(`CREATE ROUTINE LOAD el.job ON ${table}
      COLUMNS TERMINATED BY ',', COLUMNS (k, v)
      PROPERTIES ("desired_concurrent_number" = "1", "max_error_number" = "10")
      FROM ${source} (${properties})`);

  it('a routine load from unreachable Kafka brokers fails as the job would pause', async () => {
    await assert.rejects(
      routineLoad(`"kafka_broker_list" = "127.0.0.1:${refused}", "kafka_topic" = "events"`),
      {
        errno: 1105,
        message:
          'errCode = 2, detailMessage = Failed to get all partitions of kafka topic: events error: errCode = 2, detailMessage = failed to get kafka partition info: [failed to get partition meta: Local: Broker transport failure]',
      },
    );
  });

  it('a routine load is checked as Doris checks it before it reaches Kafka', async () => {
    await assert.rejects(routineLoad(`"kafka_topic" = "events"`), {
      message: 'errCode = 2, detailMessage = kafka_broker_list is a required property',
    });
    await assert.rejects(routineLoad(`"kafka_broker_list" = "127.0.0.1:${refused}"`), {
      message: 'errCode = 2, detailMessage = kafka_topic is a required property',
    });
    await assert.rejects(routineLoad(`"topic" = "x"`, 'PULSAR'), {
      message: 'errCode = 2, detailMessage = routine load job does not support this type PULSAR',
    });
    await assert.rejects(routineLoad(`"kafka_topic" = "events"`, 'KAFKA', 'missing'), {
      errno: 1051,
      message: "errCode = 2, detailMessage = Unknown table 'missing'",
    });
  });

  it('a routine load from a Kafka that answers is refused as beyond the sandbox', async () => {
    await assert.rejects(
      routineLoad(`"kafka_broker_list" = "127.0.0.1:${open}", "kafka_topic" = "events"`),
      /CREATE ROUTINE LOAD from a reachable Kafka .* is not supported by doris-sandbox/,
    );
  });

  const brokerLoad = (label: string, infile: string, withClause: string, table = 't') =>
    conn.query(`LOAD LABEL el.${label} (
        DATA INFILE("${infile}") INTO TABLE ${table} COLUMNS TERMINATED BY "," (k, v)
      ) WITH ${withClause} PROPERTIES ("timeout" = "3600")`);

  it('a broker load names an unknown broker, an unreachable S3 endpoint or HDFS name node', async () => {
    await assert.rejects(
      brokerLoad('b1', 'hdfs://nn:8020/a.csv', 'BROKER "hdfs_broker" ("username" = "u")'),
      {
        errno: 1105,
        message: 'errCode = 2, detailMessage = Unknown broker name(hdfs_broker)',
      },
    );
    await assert.rejects(
      brokerLoad(
        's1',
        's3://bucket/a.csv',
        `S3 ("AWS_ENDPOINT" = "http://127.0.0.1:${refused}", "AWS_ACCESS_KEY" = "ak", "AWS_SECRET_KEY" = "sk", "AWS_REGION" = "r")`,
      ),
      {
        errno: 1105,
        message: 'errCode = 202, detailMessage = Failed to access object storage, message=Connection refused',
      },
    );
    await assert.rejects(
      brokerLoad(
        'h1',
        `hdfs://127.0.0.1:${refused}/a.csv`,
        `HDFS ("fs.defaultFS" = "hdfs://127.0.0.1:${refused}")`,
      ),
      {
        message: `errCode = 2, detailMessage = Call From 127.0.0.1 to 127.0.0.1:${refused} failed on connection exception: java.net.ConnectException: Connection refused; For more details see:  http://wiki.apache.org/hadoop/ConnectionRefused`,
      },
    );
    await assert.rejects(brokerLoad('b2', 'hdfs://nn/a.csv', 'BROKER hb', 'missing'), {
      errno: 1051,
      message: "errCode = 2, detailMessage = Unknown table 'missing'",
    });
    await assert.rejects(
      brokerLoad('s2', 's3://bucket/a.csv', `S3 ("s3.endpoint" = "127.0.0.1:${open}", "s3.region" = "r")`),
      /LOAD … WITH S3 from a reachable endpoint .* is not supported by doris-sandbox/,
    );
  });

  it('no refused load wrote a row or a binlog record', async () => {
    assert.deepEqual(await query(conn, 'SELECT COUNT(*) AS n FROM el.t'), [{ n: '0' }]);
    assert.deepEqual(
      (await readBinlogs(sandbox, 'el')).filter((b) => b.type === 'UPSERT'),
      [],
    );
  });
});
