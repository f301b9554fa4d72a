import { parentPort, workerData } from 'node:worker_threads';
import { setReadProgressSink } from '../read/progress.js';
import { loadAndAuditWith, type PooledOptions } from './load-many.js';
import { packInput, transferList } from './transfer.js';

/**
 * A worker of the load pool (./load-many.ts): loads the inputs it is sent, audits their teachers
 * with the rule file it is named, and posts both back, packed (./transfer.ts).
 */
export interface LoadRequest {
  index: number;
  file: string;
  opts: PooledOptions;
}

if (parentPort) {
  const port = parentPort;
  if ((workerData as { progress?: boolean } | undefined)?.progress) setReadProgressSink((p) => port.postMessage({ progress: p }));
  // For the test of a worker dying mid-batch (test/e2e/scale.test.ts): it ends after this many files.
  const diesAfter = Number(process.env.CREDIT_AUDIT_TEST_WORKER_DIES_AFTER ?? Infinity);
  let sent = 0;
  port.on('message', async (req: LoadRequest) => {
    const packed = packInput(await loadAndAuditWith(req.file, req.opts));
    // The typed arrays move rather than copy.
    port.postMessage({ index: req.index, packed }, transferList(packed));
    if (++sent >= diesAfter) process.exit(1);
  });
}
