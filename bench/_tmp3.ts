import { openInput } from '../src/read/open.js';
for (let k = 0; k < 2; k++) {
  const t = performance.now();
  const { source } = await openInput(process.argv[2]!);
  let n = 0;
  for await (const r of source.sheets[0]!.rows()) n += r.cells.length;
  source.close?.();
  console.log('read', performance.now() - t, n, process.memoryUsage().rss / 1e6);
}
