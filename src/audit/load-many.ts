import { loadInput, type LoadedInput, type LoadOptions } from './load.js';

/**
 * Load a batch of inputs, yielding them in input order. One file at a time on this thread; the
 * worker pool (./load-pool.ts) takes over for batches when there are cores to spare.
 */
export async function* loadInputs(files: string[], opts: LoadOptions): AsyncIterable<LoadedInput> {
  for (const file of files) yield await loadInput(file, opts);
}
