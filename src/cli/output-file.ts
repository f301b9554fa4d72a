import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { addTempFile, dropTempFile } from '../report/temp-files.js';

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
  const tmp = addTempFile(path.join(path.dirname(file), `.${path.basename(file)}.tmp-${randomBytes(4).toString('hex')}`));
  try {
    const fh = await open(tmp, 'w');
    try {
      for (const piece of pieces) await fh.write(piece);
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    dropTempFile(tmp);
  }
}
