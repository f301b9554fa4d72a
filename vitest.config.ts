import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Forks, not threads: the same time here (123 s and 127 s, two at once), and a test file keeps
    // its process's listeners, mocks of node: modules and heap to itself.
    pool: 'forks',
    // Vitest's default in a run is one file fewer than the cores: one at a time on a 2-core
    // machine, where a file spends part of its time waiting on the disk or on a bin/ it spawned.
    // One a core took the suite from 154 s to 123 s there (issue 23).
    maxWorkers: availableParallelism(),
    setupFiles: ['test/setup.ts'],
  },
});
