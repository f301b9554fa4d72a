import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Test files that mock or spy on a module (vi.mock, vi.spyOn …): each keeps a module graph of its
 * own. The others share one per worker, which saves importing the sources again for every file:
 * the suite took 63 s instead of 123 s on a 2-core machine (issue 23). A mock in a shared graph would reach the files
 * after it, or miss a module already loaded: found by reading the files, so a new one is not
 * forgotten.
 */
const ISOLATED = (readdirSync('test', { recursive: true, encoding: 'utf8' }) as string[])
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.posix.join('test', f.split(path.sep).join('/')))
  .filter((f) => /\bvi\.(mock|doMock|spyOn|stubEnv|stubGlobal|hoisted)\b/.test(readFileSync(f, 'utf8')));

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Forks, not threads: the same time here (123 s and 127 s, two at once), and a test file keeps
    // its process's listeners, mocks of node: modules and heap to itself.
    pool: 'forks',
    // Vitest's default in a run is one file fewer than the cores: one at a time on a 2-core
    // machine, where a file spends part of its time waiting on the disk or on a bin/ it spawned.
    // One a core took the suite from 154 s to 123 s there (issue 23).
    maxWorkers: availableParallelism(),
    setupFiles: ['test/setup.ts'],
    projects: [
      // (include is per project: a project extending the root adds its include to the root's.)
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
