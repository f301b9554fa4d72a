/**
 * One measurement in its own process, so each has its own peak memory (run by bench/run.ts):
 *   floor <file>            inflate the first sheet's XML and throw it away
 *   ours <file>             our streaming reader: every row of the first sheet
 *   exceljs-stream <file>   exceljs's streaming reader: every row of every sheet
 * Prints one line of JSON: { seconds, rows, peakRssMb }.
 */
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { openInput } from '../src/read/open.js';

async function floor(file: string): Promise<number> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  let bytes = 0;
  for await (const e of zip.eachEntry()) {
    if (!/^xl\/worksheets\/sheet1\.xml$/i.test(e.fileName)) continue;
    // Read and inflated a mebibyte at a time, the fastest measured here: yauzl's own stream reads
    // 16 KB at a time, which made this floor twice as slow as inflating can be (1.2 s against
    // 0.6 s at a million rows). Our reader reads 256 KB at a time (./src/read/xlsx-stream.ts).
    const { fileDataStart: start } = await zip.readLocalFileHeaderPromise(e, { minimal: true });
    const raw = createReadStream(file, { start, end: start + e.compressedSize - 1, highWaterMark: 1 << 20 });
    for await (const chunk of raw.pipe(createInflateRaw({ chunkSize: 1 << 20 }))) bytes += (chunk as Buffer).length;
  }
  zip.close();
  return bytes;
}

async function ours(file: string): Promise<number> {
  const { source } = await openInput(file);
  let rows = 0;
  for await (const r of source.sheets[0]!.rows()) if (r.cells.length) rows++;
  source.close?.();
  return rows;
}

async function exceljsStream(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'cache', entries: 'emit' });
  let rows = 0;
  for await (const ws of reader) for await (const _row of ws as AsyncIterable<unknown>) rows++;
  return rows;
}

const [mode, file] = process.argv.slice(2);
const t = performance.now();
const rows = mode === 'floor' ? await floor(file!) : mode === 'ours' ? await ours(file!) : mode === 'exceljs-stream' ? await exceljsStream(file!) : NaN;
const seconds = (performance.now() - t) / 1000;
process.stdout.write(JSON.stringify({ seconds, rows, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
