/** Everything the CLI needs from the outside world; only bin/ builds it from `process`. */
export interface Io {
  /** A promise when the reader is behind: the next piece waits for it, so a run's output is never queued whole in memory. */
  stdout(text: string): void | Promise<void>;
  stderr(text: string): void;
  isTTY: boolean;
  /** The terminal's width in columns, when stdout is one. */
  columns?: number;
  /** Progress goes to stderr, and only when stderr is a terminal. */
  stderrIsTTY?: boolean;
  /** Tune the process's heap for inputs of this many bytes (only bin/ does: it is the process's). */
  tuneHeap?(inputBytes: number): void;
  /**
   * The heap V8 allows this process and the machine's memory, in MB, and a way to run the same
   * command again in a process allowed more heap (only bin/: it is the process's). relaunch
   * resolves to that run's exit code, or the signal that ended it, or null when it cannot (this is
   * already such a process).
   */
  heap?: { limitMb: number; totalMb: number; relaunch(mb: number): Promise<number | { signal: string } | null> };
  /** The process's peak resident memory in MB, for `--timings`. */
  peakRssMb?(): number;
  env: Record<string, string | undefined>;
  cwd: string;
}
