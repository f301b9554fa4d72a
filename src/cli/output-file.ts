import { open, stat } from 'node:fs/promises';
import { writeAtomically } from '../report/temp-files.js';

/**
 * `--output-file`: the pieces of a CI format written to a file. A regular file (or a new one) is
 * written beside it under a temporary name and renamed into place once whole, so a CI job never
 * reads half a JUnit file and an earlier good one is kept when the run is stopped; a device or a
 * pipe (`/dev/stdout`, a named pipe) is written into directly, since a rename would replace it.
 * Pieces are awaited one at a time: a province's JUnit is ~236 MB (issue 5).
 */
export async function writeOutputFile(file: string, pieces: Iterable<string>): Promise<void> {
  const there = await stat(file).catch(() => undefined);
  if (there && !there.isFile()) {
    const fh = await open(file, 'w');
    try {
      for (const piece of pieces) await fh.write(piece);
    } finally {
      await fh.close();
    }
    return;
  }
  await writeAtomically(file, async (tmp) => {
    const fh = await open(tmp, 'w');
    try {
      for (const piece of pieces) await fh.write(piece);
    } finally {
      await fh.close();
    }
  });
}
