import { run, type Io } from '../../src/cli/main.js';

/** What a run of the CLI gave: its exit code and everything it wrote to stdout and stderr. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface MemoryIoOptions {
  /**
   * The run's environment. Only what is given here, with NO_COLOR=1 as the spawned tests set it
   * (pass `NO_COLOR: undefined` to drop it): the suite's own environment (CI, FORCE_COLOR)
   * must not change what a test sees.
   */
  env?: Record<string, string | undefined>;
  /** stdout is a terminal (colour unless NO_COLOR or --no-color); false as for a pipe. */
  isTTY?: boolean;
  /** stderr is a terminal (progress lines); false as for a pipe. */
  stderrIsTTY?: boolean;
}

/**
 * An Io that keeps stdout and stderr as strings, for `run()` in this process: the CLI without the
 * ~0.6 s a spawned bin/ costs before any work. It has no heap hooks (tuneHeap, heap): those are
 * the process's own, and tests that need them add them or spawn bin/.
 */
export function memoryIo(cwd: string, opts: MemoryIoOptions = {}): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTTY: opts.isTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
    env: { NO_COLOR: '1', ...opts.env },
    cwd,
    stdout: (s: string) => void (io.out += s),
    stderr: (s: string) => void (io.err += s),
  };
  return io;
}

/**
 * `credit-audit <args>` run in `cwd` in this process, as the spawned `cli()` of test/e2e/helpers.ts
 * runs the real binary: spawn that one only where a real process matters (bin/'s exit code,
 * pipes, signals, the heap, worker threads, which run only from dist/).
 */
export async function runCli(args: string[], cwd: string, opts: MemoryIoOptions = {}): Promise<CliRun> {
  const io = memoryIo(cwd, opts);
  const code = await run(args, io);
  return { code, stdout: io.out, stderr: io.err };
}
