import { parentPort, workerData } from 'node:worker_threads';
import { layoutOf } from '../model/cell-layout.js';
import { setReadProgressSink } from '../read/progress.js';
import { loadAndAudit, type PooledOptions } from './load-many.js';

/**
 * A worker of the load pool (./load-many.ts): loads the inputs it is sent, audits their teachers
 * with the rule file it is named, and posts both back (one message, so a finding's ref and its
 * teacher's stay one object).
 * A teacher's `cells` is a Proxy over the sheet's column layout, which cannot be cloned: it
 * travels as [layout index, row], the layouts once per input.
 */
export interface LoadRequest {
  index: number;
  file: string;
  opts: PooledOptions;
}

if (parentPort) {
  const port = parentPort;
  if ((workerData as { progress?: boolean } | undefined)?.progress) setReadProgressSink((p) => port.postMessage({ progress: p }));
  port.on('message', async (req: LoadRequest) => {
    const loaded = await loadAndAudit(req.file, req.opts);
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
