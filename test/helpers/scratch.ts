import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Scratch folders made by this test file: removed after its tests (test/setup.ts). */
const made: string[] = [];

/**
 * A new empty folder under the system's temporary folder, removed when the test file is done: a
 * run of the suite left ~80 folders behind (some with MB of generated returns), and a CI machine
 * or a developer running it often filled /tmp.
 */
export function scratchDir(prefix = 'credit-audit-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
