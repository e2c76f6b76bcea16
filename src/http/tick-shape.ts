// Keeps one of process.nextTick()'s queue entries alive while the public server listens, so that V8
// keeps the entries' hidden class. Node builds each entry as an object literal with computed keys
// (its async ids); once the load stops and V8's memory reducer runs (a minute or so of idle), the
// last entries die and their hidden class with them, and the optimised code that relied on it is
// thrown away ("weak objects", in --trace-deopt). Optimised again under load, nextTick spent ~3 µs
// per call building that literal instead of ~0.3 µs, for as long as the process lived (CPU profiles
// of one server before and after idle, issue 11): a JWKS answer, which schedules a few, went from
// ~29 to ~34 µs of CPU. One entry held keeps the hidden class and the fast code. It is taken every
// second, inside a nextTick callback, where the running async resource is the entry itself, so the
// entry kept has the properties the load's entries have (on Node 20, AsyncLocalStorage adds one once
// it is on; measured on Node 20.20 only). The timer runs in the async context of `listen()`, at the
// top of main.ts, where no AsyncLocalStorage has a store: the entry holds no request's context.
import { executionAsyncResource } from 'node:async_hooks';
import type { Server } from 'node:http';

const EVERY_MS = 1000;

/** Holds a fresh nextTick entry every second from `listening` to `close`; returns what it holds now. */
export function keepTickShape(server: Server): () => object | undefined {
  const held: { entry?: object } = {};
  let timer: NodeJS.Timeout | undefined;
  const take = () =>
    process.nextTick(() => {
      held.entry = executionAsyncResource();
    });
  server.on('listening', () => {
    clearInterval(timer);
    timer = setInterval(take, EVERY_MS).unref();
  });
  server.on('close', () => {
    clearInterval(timer);
    delete held.entry;
  });
  return () => held.entry;
}
