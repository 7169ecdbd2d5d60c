// The commands besides COM_QUERY on a real sandbox FE, with the raw client: COM_FIELD_LIST (what the
// mariadb client sends for every table when it reads "table information for completion"), and
// COM_RESET_CONNECTION (session variables and prepared statements forgotten, database kept).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseColumnDefinition, RawClient } from '../mysql/raw-client.js';
import { SandboxProcess } from './sandbox-process.js';

describe('protocol commands on the sandbox FE', () => {
  let sandbox: SandboxProcess;
  let raw: RawClient;

  before(async () => {
    sandbox = await SandboxProcess.start();
    const conn = await sandbox.connect();
    await conn.query('CREATE DATABASE pc');
    await conn.query(`CREATE TABLE pc.t (k BIGINT, d DECIMAL(9, 3), v VARCHAR(10) DEFAULT "zz", ts DATETIME(6))
      DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    await conn.query('CREATE VIEW pc.w AS SELECT k FROM pc.t');
    await conn.end();
    raw = new RawClient();
    await raw.connect(sandbox.ready.queryPort, 'root', '', 'pc');
  });
  after(async () => {
    raw?.close();
    await sandbox?.destroy();
  });

  /** Sends COM_FIELD_LIST and reads definitions up to the EOF (or an ERR). */
  async function fieldList(table: string): Promise<Buffer[]> {
    raw.sendPacket(Buffer.from(`\x04${table}\0`), 0);
    const packets: Buffer[] = [];
    for (;;) {
      const p = await raw.readPacket();
      packets.push(p);
      if (p[0] === 0xff || (p[0] === 0xfe && p.length < 9)) return packets;
    }
  }

  it("lists a table's columns with types, scales and defaults for COM_FIELD_LIST", async () => {
    const packets = await fieldList('t');
    assert.equal(packets.length, 5);
    const definitions = packets.slice(0, 4).map(parseColumnDefinition);
    assert.deepEqual(
      definitions.map((d) => [d.name, d.type, d.decimals]),
      [
        ['k', 8, 0],
        ['d', 246, 3],
        ['v', 254, 0x1f],
        ['ts', 12, 6],
      ],
    );
    // The default value follows each definition: empty for none, the text for `v`.
    assert.equal(packets[0]?.at(-1), 0x00);
    assert.deepEqual((packets[2] as Buffer).subarray(-3), Buffer.from('\x02zz'));
    assert.deepEqual(packets[4], Buffer.from([0xfe, 0, 0, 2, 0]));
    const view = await fieldList('w');
    assert.deepEqual(
      view.slice(0, -1).map((p) => parseColumnDefinition(p).name),
      ['k'],
    );
    const [missing] = await fieldList('nope');
    assert.deepEqual(RawClient.parseError(missing), {
      code: 1051,
      sqlState: '42S02',
      message: "errCode = 2, detailMessage = Unknown table 'nope'",
    });
  });

  it('forgets user variables and prepared statements on COM_RESET_CONNECTION, keeping the database', async () => {
    await raw.query('SET @x = 5');
    const before = await raw.query('SELECT @x, DATABASE()'); // count, 2 definitions, EOF, row, EOF
    assert.deepEqual(before[4], Buffer.from('\x015\x02pc'));
    raw.sendPacket(Buffer.from('\x16SELECT k FROM t WHERE k = ?'), 0);
    const [prepared] = await raw.readPrepareResponse();
    assert.equal(prepared?.[0], 0x00);
    const [reset] = await raw.command(0x1f, Buffer.alloc(0));
    assert.equal(reset?.[0], 0x00);
    const variable = await raw.query('SELECT @x, DATABASE()');
    assert.deepEqual(variable[4], Buffer.from('\xfb\x02pc', 'latin1')); // NULL, 'pc'
    const execute = Buffer.alloc(9);
    execute.writeUInt32LE(prepared?.readUInt32LE(1) ?? 0, 0);
    const [gone] = await raw.command(0x17, execute);
    assert.equal(RawClient.parseError(gone).code, 1047);
  });
});
