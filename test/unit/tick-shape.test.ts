// The nextTick entry kept while the public server listens (src/http/tick-shape.ts): a real entry of
// Node's queue (the object passed to async hooks as a TickObject's resource), renewed, and let go
// with its timer when the server closes, so a closed server keeps nothing and holds no timer.
import { createHook } from 'node:async_hooks';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { keepTickShape } from '../../src/http/tick-shape.js';

test('holds a nextTick entry while listening, a new one every second, none once closed, again on listening again', async () => {
  const server = createServer();
  const held = keepTickShape(server);
  const ticks = new WeakSet<object>();
  const hook = createHook({
    init: (_id, type, _trigger, resource) => {
      if (type === 'TickObject') ticks.add(resource);
    },
  }).enable();
  try {
    expect(held()).toBeUndefined();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await sleep(1200);
    const first = held();
    expect(first).toBeDefined();
    expect(ticks.has(first!)).toBe(true);
    await sleep(1000);
    expect(held()).toBeDefined();
    expect(held()).not.toBe(first);
    expect(ticks.has(held()!)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(held()).toBeUndefined();
    await sleep(1200);
    expect(held()).toBeUndefined();
    // Listening again starts over.
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await sleep(1200);
    expect(ticks.has(held()!)).toBe(true);
  } finally {
    hook.disable();
    if (server.listening) server.close();
  }
});
