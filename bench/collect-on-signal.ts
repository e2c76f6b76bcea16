// Loaded into the soak's Twofold only (`--expose-gc --import …`, servers.ts), never into a server
// that is measured for speed: on SIGUSR2 it collects everything that can be collected and writes
// one line on stderr (the server's log file) with what is still held, so the soak can tell memory
// kept from memory the load merely had in use. A reading under load swings by tens of MiB with the
// young generation and the time since the last major collection; so does the heap after an ordinary
// full collection (`gc()`), which leaves what only weak references and V8's own caches hold: 59 to
// 94 MiB in one server minutes apart. A heap snapshot first collects all of that, as a leak hunt in
// DevTools does; it is written to /dev/null (from C++, so it leaves no buffers of its own behind),
// and what survives it is what a leak grows.
import { writeHeapSnapshot } from 'node:v8';

const gc = (globalThis as { gc?: (options: { type: 'major'; execution: 'sync' }) => void }).gc;
if (!gc) throw new Error('collect-on-signal needs --expose-gc');

process.on('SIGUSR2', () => {
  writeHeapSnapshot('/dev/null');
  // What taking the snapshot allocated on the heap.
  gc({ type: 'major', execution: 'sync' });
  // The heap's live objects, and the memory outside it that JavaScript objects hold (buffers).
  const { heapUsed, external } = process.memoryUsage();
  process.stderr.write(`collected ${JSON.stringify({ heapUsed, external })}\n`);
});
