import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { cellLayout } from '../model/cell-layout.js';
import { hasReadProgressSink, reportReadProgress, type ReadProgress } from '../read/progress.js';
import { phase } from './timings.js';
import { loadInput, type LoadedInput, type LoadOptions } from './load.js';

/**
 * Load a batch of inputs, yielding them in input order. A batch uses every core: worker threads
 * read several files at once while this thread audits the ones already read (issue 5: 300 county
 * returns in about half the time). One file, `jobs: 1`, or a run from the sources (tests) loads
 * here, one file at a time; the results are the same either way.
 */
export async function* loadInputs(files: string[], opts: LoadOptions, jobs = defaultJobs()): AsyncIterable<LoadedInput> {
  const workers = Math.min(jobs, files.length);
  if (workers < 2 || !existsSync(WORKER)) {
    for (const file of files) {
      const t = performance.now();
      const loaded = await loadInput(file, opts);
      phase('read', performance.now() - t);
      yield loaded;
    }
    return;
  }
  yield* pooled(files, opts, workers);
}

export function defaultJobs(): number {
  return availableParallelism();
}

const WORKER = fileURLToPath(new URL('./load-worker.js', import.meta.url));

interface Reply {
  index: number;
  loaded: LoadedInput;
  layouts: Array<Record<string, number>>;
}

async function* pooled(files: string[], opts: LoadOptions, size: number): AsyncIterable<LoadedInput> {
  const done = new Map<number, LoadedInput>();
  let wake: (() => void) | null = null;
  let next = 0;
  let failure: unknown = null;
  const pool: Worker[] = [];
  let alive = size;
  const inFlight = new Map<Worker, Set<number>>();
  const send = (w: Worker) => {
    if (next >= files.length) return;
    const index = next++;
    inFlight.get(w)!.add(index);
    w.postMessage({ index, file: files[index]!, opts });
  };
  for (let i = 0; i < size; i++) {
    const w = new Worker(WORKER, { workerData: { progress: hasReadProgressSink() } });
    inFlight.set(w, new Set());
    w.on('message', (m: Reply | { progress: ReadProgress }) => {
      if ('progress' in m) {
        reportReadProgress(m.progress.file, m.progress.bytes, m.progress.totalBytes, m.progress.rows);
        return;
      }
      done.set(m.index, revive(m));
      inFlight.get(w)!.delete(m.index);
      send(w);
      wake?.();
    });
    w.on('error', () => {
      // A worker that dies takes its file with it: load that one here; when none is left, the
      // rest are loaded here too.
      alive--;
      const here = [...inFlight.get(w)!].filter((i) => !done.has(i));
      inFlight.get(w)!.clear();
      if (alive === 0) while (next < files.length) here.push(next++);
      void (async () => {
        for (const index of here) {
          try {
            done.set(index, await loadInput(files[index]!, opts));
          } catch (err) {
            failure = err;
          }
          wake?.();
        }
      })();
    });
    pool.push(w);
    // Two files queued per worker: it starts the next while this thread audits the last one.
    send(w);
    send(w);
  }
  try {
    for (let i = 0; i < files.length; i++) {
      const t = performance.now();
      while (!done.has(i)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      phase('read', performance.now() - t);
      const loaded = done.get(i)!;
      done.delete(i);
      yield loaded;
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Give back each teacher's `cells`, which travelled as [layout, row]. */
function revive(m: Reply): LoadedInput {
  const layouts = m.layouts.map((columns) => cellLayout(columns));
  for (const t of m.loaded.teachers) {
    const c = t.cells as unknown;
    if (Array.isArray(c)) t.cells = layouts[c[0] as number]!.at(t.ref.row === c[1] ? t.ref : { row: c[1] as number });
  }
  return m.loaded;
}
