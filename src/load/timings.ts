/**
 * Where a run's time goes, by phase (read, audit, console, write), for `--timings` and the
 * bench (issue 5). Adding up is cheap, so it is always on; only the CLI flag prints it.
 */
const totals = new Map<string, number>();

export function phase(name: string, ms: number): void {
  totals.set(name, (totals.get(name) ?? 0) + ms);
}

export async function timed<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  try {
    return await work();
  } finally {
    phase(name, performance.now() - t);
  }
}

export function phaseTimes(): Record<string, number> {
  return Object.fromEntries(totals);
}
