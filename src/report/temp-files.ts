import { unlinkSync } from 'node:fs';

/**
 * The temporary files an output is being written to, so that a run stopped by a signal (Ctrl+C,
 * a CI job's timeout) removes them: a stopped write left a 14 MB `.report.xlsx.tmp-*` and its
 * `.part.links*` files behind (issue 18). The writers add a file before they create it and drop
 * it once it is renamed or removed; bin/'s signal handler calls removeTempFiles (src/ never
 * touches `process`, so this stays testable in-process).
 */
const live = new Set<string>();

/** `file` is about to be created as a temporary file: removed if the run is stopped. Returns it. */
export function addTempFile(file: string): string {
  live.add(file);
  return file;
}

/** `file` is renamed into place or removed: nothing to clean up any more. */
export function dropTempFile(file: string): void {
  live.delete(file);
}

/** The temporary files being written now. */
export function liveTempFiles(): string[] {
  return [...live];
}

/**
 * Remove every temporary file being written, synchronously: called from a signal handler just
 * before the process exits, when nothing asynchronous would run. A file already gone is fine.
 */
export function removeTempFiles(): void {
  for (const file of live) {
    try {
      unlinkSync(file);
    } catch {
      // Not created yet, or already renamed or removed.
    }
  }
  live.clear();
}
