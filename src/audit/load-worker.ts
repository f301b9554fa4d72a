import { parentPort, workerData } from 'node:worker_threads';
import { layoutOf } from '../model/cell-layout.js';
import { setReadProgressSink } from '../read/progress.js';
import { loadInput, type LoadOptions } from './load.js';

/**
 * A worker of the load pool (./load-pool.ts): loads the inputs it is sent and posts them back.
 * A teacher's `cells` is a Proxy over the sheet's column layout, which cannot be cloned: it
 * travels as [layout index, row], the layouts once per input.
 */
export interface LoadRequest {
  index: number;
  file: string;
  opts: LoadOptions;
}

if (parentPort) {
  const port = parentPort;
  if ((workerData as { progress?: boolean } | undefined)?.progress) setReadProgressSink((p) => port.postMessage({ progress: p }));
  port.on('message', async (req: LoadRequest) => {
    const loaded = await loadInput(req.file, req.opts);
    const layouts: Array<Readonly<Record<string, number>>> = [];
    for (const t of loaded.teachers) {
      const l = layoutOf(t.cells);
      if (!l) continue;
      let i = layouts.indexOf(l.columns);
      if (i < 0) i = layouts.push(l.columns) - 1;
      (t as unknown as { cells: [number, number] }).cells = [i, l.row];
    }
    port.postMessage({ index: req.index, loaded, layouts: layouts.map((l) => ({ ...l })) });
  });
}
