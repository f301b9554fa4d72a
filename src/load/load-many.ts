import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { hasReadProgressSink, reportReadProgress, type ReadProgress } from '../read/progress.js';
import { phase } from './timings.js';
import { auditTeachers, type AuditedTeachers } from './teacher-audit.js';
import { loadInput, type AuditedInput, type LoadOptions } from './load.js';

export type { AuditedInput } from './load.js';
import { loadRules, type LoadedRules } from '../rules/rules.js';
import { unpackInput, type PackedInput } from './transfer.js';


/**
 * Load a batch of inputs and audit each one's teachers (the teacher checks), yielding them in
 * input order. A batch uses every core (issue 5): worker threads and this thread each read and
 * audit whole files, and a worker's file crosses back packed (./transfer.ts). Auditing here while
 * workers only read had left one core doing the work of both. The checks across inputs (batch,
 * school, cycle) run here once all are in. One file, `jobs: 1`, or a run from the sources (tests)
 * works here, one file at a time; the results are the same either way.
 */
export async function* loadInputs(files: string[], opts: LoadOptions, jobs: number | undefined, rules: LoadedRules): AsyncIterable<AuditedInput> {
  const workers = Math.min(jobs ?? defaultJobs(), files.length);
  if (workers < 2 || !existsSync(WORKER)) {
    for (const file of files) {
      // Read and audit apart here, so `--timings` can tell them apart.
      const t = performance.now();
      const loaded = await loadInput(file, opts);
      phase('read', performance.now() - t);
      yield { ...loaded, audited: auditTeachers(loaded.teachers, rules) };
    }
    return;
  }
  yield* pooled(files, { ...opts, rulesFile: rules.file }, rules, workers);
}

export function defaultJobs(): number {
  return availableParallelism();
}

const WORKER = fileURLToPath(new URL('./load-worker.js', import.meta.url));

interface Reply {
  index: number;
  packed: PackedInput;
}

async function* pooled(files: string[], opts: PooledOptions, rules: LoadedRules, jobs: number): AsyncIterable<AuditedInput> {
  const done = new Map<number, AuditedInput>();
  let wake = null as (() => void) | null;
  let next = 0;
  let failure: unknown = null;
  // Files a dead worker took with it, done here first.
  const retry: number[] = [];
  const pool: Worker[] = [];
  const inFlight = new Map<Worker, Set<number>>();
  const send = (w: Worker) => {
    if (next >= files.length) return;
    const index = next++;
    inFlight.get(w)!.add(index);
    w.postMessage({ index, file: files[index]!, opts });
  };
  // This thread is one of the jobs: it reads and audits files itself, between gathering what the
  // workers send. A file a worker does costs this thread its copy (structured clone, about a
  // sixth of reading it); one done here costs nothing more. Measured on two cores, one worker
  // and this thread finish 300 county returns sooner than two workers and this thread idle.
  let working = true;
  // Loops here waiting for a worker to finish or die.
  let idle: Array<() => void> = [];
  const wakeIdle = () => {
    const waiting = idle;
    idle = [];
    for (const resolve of waiting) resolve();
  };
  // Two files at once here too: while one waits for the disk or the inflater (on the thread pool),
  // the other is parsed (a county return spends a fifth of its time waiting).
  const hereLoop = async () => {
    while (working) {
      const index = retry.length ? retry.shift()! : next < files.length ? next++ : -1;
      if (index < 0) {
        if (inFlight.size === 0 || [...inFlight.values()].every((f) => f.size === 0)) break;
        // The workers hold the rest; wait in case one dies and leaves its files here.
        await new Promise<void>((resolve) => idle.push(resolve));
        continue;
      }
      try {
        done.set(index, await loadAndAudit(files[index]!, opts, rules));
      } catch (err) {
        failure = err;
      }
      wake?.();
    }
  };
  const workHere = Promise.all([hereLoop(), hereLoop()]);
  for (let i = 0; i < jobs - 1; i++) {
    const w = new Worker(WORKER, { workerData: { progress: hasReadProgressSink() } });
    inFlight.set(w, new Set());
    w.on('message', (m: Reply | { progress: ReadProgress }) => {
      if ('progress' in m) {
        reportReadProgress(m.progress.file, m.progress.bytes, m.progress.totalBytes, m.progress.rows);
        return;
      }
      done.set(m.index, unpackInput(m.packed));
      inFlight.get(w)!.delete(m.index);
      send(w);
      wake?.();
      wakeIdle();
    });
    // A worker that dies (an error, or an exit nobody asked for) takes its files with it: they
    // are done here, so no file of the batch is lost.
    const died = () => {
      for (const index of inFlight.get(w)!) if (!done.has(index)) retry.push(index);
      inFlight.get(w)!.clear();
      wakeIdle();
    };
    w.on('error', died);
    w.on('exit', () => {
      if (working) died();
    });
    pool.push(w);
    // Two files queued per worker: it starts the next while this thread is busy with its own.
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
    working = false;
    wakeIdle();
    await workHere;
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** What a worker is sent: the load options and the rule file it audits with. */
export interface PooledOptions extends LoadOptions {
  rulesFile: string;
}

const rulesByFile = new Map<string, LoadedRules>();

/** Read one input and audit its teachers: here, or in a worker. */
async function loadAndAudit(file: string, opts: LoadOptions, rules: LoadedRules): Promise<AuditedInput> {
  const loaded = await loadInput(file, opts);
  return { ...loaded, audited: auditTeachers(loaded.teachers, rules) };
}

/** loadAndAudit in a worker, which loads the rule file it is named once. */
export function loadAndAuditWith(file: string, opts: PooledOptions): Promise<AuditedInput> {
  let rules = rulesByFile.get(opts.rulesFile);
  if (!rules) rulesByFile.set(opts.rulesFile, (rules = loadRules(opts.rulesFile)));
  return loadAndAudit(file, opts, rules);
}
