/**
 * How this machine's cores scale, for the batch's `--jobs` (run by hand: `npx tsx bench/cores.ts`).
 * Two kinds of work run alone and then two at once, as processes and as worker threads of one
 * process (as the batch's pool runs them):
 *   compute    a loop over integers that allocates nothing
 *   allocate   small objects made and dropped, one in ten kept a while, as reading returns does
 * It prints each one's seconds and how much faster two at once finish than two one after another
 * (2.0× is two whole cores). On this VM (docs/performance.md, 2026-11-24) compute ran 1.95–1.99×,
 * allocate 1.26–1.55× as processes and 1.19–1.28× as threads: the batch of county returns
 * allocates, and so gains little from a second core here. A district PC that shows ~2× for
 * allocate in threads should see the batch's pool gain.
 */
import { execFileSync, spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';

const KINDS = {
  compute: `let x = 0; for (let i = 0; i < 6e8; i++) x = (x * 31 + i) | 0; if (x === 0.5) console.log(x);`,
  allocate: `let keep = []; for (let i = 0; i < 3e7; i++) { const o = { a: i, b: 'x' + (i % 1000), c: [i] }; if (i % 10 === 0) keep.push(o); if (keep.length > 1e6) keep = []; }`,
} as const;

/** Seconds one run of `code` takes in a process of its own. */
function timed(code: string): Promise<number> {
  const script = `const t = performance.now(); ${code} console.log((performance.now() - t) / 1000);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`exit ${code}`))));
  });
}

/** Seconds one run of `code` takes in a worker thread of this process. */
function timedThread(code: string): Promise<number> {
  const script = `const t = performance.now(); ${code} require('node:worker_threads').parentPort.postMessage((performance.now() - t) / 1000);`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { eval: true });
    worker.once('message', (s: number) => {
      resolve(s);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

function line(kind: string, how: string, alone: number, pair: number[]): string {
  const ratio = (2 * alone) / Math.max(...pair);
  return `${kind.padEnd(9)} ${how.padEnd(9)} alone ${alone.toFixed(2)} s, two at once ${pair.map((s) => s.toFixed(2)).join(' s and ')} s: ${ratio.toFixed(2)}× as fast as one after the other`;
}

async function main(): Promise<void> {
  const cpus = execFileSync(process.execPath, ['-p', 'require("os").availableParallelism()']).toString().trim();
  console.log(`cores: ${cpus}`);
  for (const [kind, code] of Object.entries(KINDS)) {
    const alone = await timed(code);
    console.log(line(kind, 'processes', alone, await Promise.all([timed(code), timed(code)])));
    const aloneThread = await timedThread(code);
    console.log(line(kind, 'threads', aloneThread, await Promise.all([timedThread(code), timedThread(code)])));
  }
}

await main();
