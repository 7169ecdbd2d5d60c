// The fault proxy's own behaviour, over real sockets against an echo server: the scenarios that use it are
// only as good as the faults it really injects.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { FaultProxy } from '../src/fault-proxy.js';

let echo: Server;
let port: number;
let proxy: FaultProxy;

async function connect(): Promise<Socket> {
  const socket = new Socket();
  // Resets are what some tests cause; each asserts on 'close' instead.
  socket.on('error', () => {});
  socket.connect(port, '127.0.0.2');
  await once(socket, 'connect');
  return socket;
}

/** Sends `text` and resolves with the echoed bytes once they are all back (or undefined after `ms`). */
async function roundTrip(socket: Socket, text: string, ms = 5_000): Promise<string | undefined> {
  let got = '';
  return await new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off('data', onData);
      resolve(undefined);
    }, ms);
    const onData = (chunk: Buffer) => {
      got += chunk.toString();
      if (got.length >= text.length) {
        clearTimeout(timer);
        socket.off('data', onData);
        resolve(got);
      }
    };
    socket.on('data', onData);
    socket.write(text);
  });
}

/** Resolves when the socket closes (events.once would reject on the reset's 'error' first). */
function closedOf(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

before(async () => {
  echo = createServer((s) => {
    s.on('error', () => {});
    s.pipe(s);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  port = (echo.address() as { port: number }).port;
  proxy = await FaultProxy.start([{ name: 'echo', port }]);
});

after(async () => {
  await proxy.close();
  await new Promise((resolve) => echo.close(resolve));
});

describe('fault proxy', () => {
  it('forwards bytes unchanged on the same port of the second loopback address', async () => {
    const s = await connect();
    assert.equal(await roundTrip(s, 'hello ✓'), 'hello ✓');
    s.destroy();
  });

  it('adds the configured latency in each direction without serialising chunks', async () => {
    const s = await connect();
    proxy.setFault({ kind: 'latency', ms: 150 });
    const t0 = performance.now();
    assert.equal(await roundTrip(s, 'x'), 'x');
    const one = performance.now() - t0;
    assert.ok(one >= 290 && one < 1_000, `one round trip took ${one.toFixed(0)} ms`);
    // Ten chunks written back to back come back after about one round trip, not ten.
    const t1 = performance.now();
    const all = roundTrip(s, 'a'.repeat(10));
    for (let i = 0; i < 9; i++) s.write('');
    assert.equal(await all, 'a'.repeat(10));
    assert.ok(performance.now() - t1 < 1_000);
    proxy.heal();
    s.destroy();
  });

  it('throttles each direction to the configured rate', async () => {
    const s = await connect();
    proxy.setFault({ kind: 'throttle', bytesPerSecond: 100_000 });
    const t0 = performance.now();
    const payload = 'z'.repeat(50_000);
    assert.equal(await roundTrip(s, payload, 10_000), payload);
    const ms = performance.now() - t0;
    // 50 kB at 100 kB/s takes 0.5 s in each direction.
    assert.ok(ms >= 900, `50 kB took only ${ms.toFixed(0)} ms`);
    proxy.heal();
    s.destroy();
  });

  it('black-holes: nothing comes back, new connections hang, damaged ones are reset on healing', async () => {
    const s = await connect();
    proxy.setFault({ kind: 'blackhole' });
    assert.equal(await roundTrip(s, 'lost', 400), undefined);
    const fresh = await connect();
    assert.equal(await roundTrip(fresh, 'also lost', 400), undefined);
    const closed = Promise.all([closedOf(s), closedOf(fresh)]);
    proxy.heal();
    await closed;
    const after = await connect();
    assert.equal(await roundTrip(after, 'back'), 'back');
    after.destroy();
  });

  it('cut() resets every open connection and counts them', async () => {
    const a = await connect();
    const b = await connect();
    assert.equal(await roundTrip(a, '1'), '1');
    assert.equal(await roundTrip(b, '2'), '2');
    const closed = Promise.all([closedOf(a), closedOf(b)]);
    const before = proxy.stats.cut;
    assert.ok(proxy.cut() >= 2);
    await closed;
    assert.ok(proxy.stats.cut >= before + 2);
  });
});
