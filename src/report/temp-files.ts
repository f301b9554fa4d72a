import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';

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

/**
 * Write `file` atomically: `write` fills a temporary dot-file beside it (hidden on Linux and macOS),
 * which is renamed over `file` once complete, removed if writing fails, and registered meanwhile so
 * that a stopped run removes it. Every output of the tool is written so: the report, the
 * --output-file, the annotated copies and the templates.
 */
export async function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = addTempFile(path.join(path.dirname(file), `.${path.basename(file)}.tmp-${randomBytes(4).toString('hex')}`));
  try {
    await write(tmp);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    dropTempFile(tmp);
  }
}
