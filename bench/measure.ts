// Latency and throughput of repeated HTTP requests, with a fixed number in flight.
export interface Measurement {
  name: string;
  requests: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

export async function measure(
  name: string,
  requests: number,
  concurrency: number,
  request: () => Promise<void>,
): Promise<Measurement> {
  for (let i = 0; i < Math.min(50, requests); i++) await request(); // warm-up: JIT, caches, pools
  const timings: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) {
        const t = performance.now();
        await request();
        timings.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - started;
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!;
  return {
    name,
    requests,
    perSecond: Math.round((requests / elapsed) * 1000),
    p50ms: round(at(0.5)),
    p99ms: round(at(0.99)),
  };
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** GET or POST that must answer `status`; anything else stops the benchmark. */
export async function expectStatus(response: Promise<Response>, status: number): Promise<void> {
  const r = await response;
  await r.arrayBuffer();
  if (r.status !== status) throw new Error(`${r.url}: expected ${status}, got ${r.status}`);
}
