import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { zip, type ZipEntry } from '../../scripts/zip-kit.js';
import { memoryIo } from '../helpers/cli.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * Fuzz: random bytes, truncated and mutated real fixtures, and real workbooks whose XML parts are
 * damaged, each given to `check` in-process. Whatever the bytes, `run` resolves to 0, 1 or 2, prints
 * no stack trace, says in one line which file it could not read (exit 2), leaves the input as it
 * was, and any report it writes opens again.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const REAL = [
  ...readdirSync(path.join(ROOT, 'fixtures', 'puer')).filter((f) => /\.(xlsx|csv)$/.test(f)).map((f) => path.join(ROOT, 'fixtures', 'puer', f)),
  ...readdirSync(path.join(ROOT, 'fixtures', 'identity')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(ROOT, 'fixtures', 'identity', f)),
].map((file) => ({ name: path.basename(file), bytes: readFileSync(file) }));

/** `FUZZ_RUNS=20 npx vitest run test/fuzz` runs 20 times as many cases (a longer campaign). */
const SCALE = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));
// A case that fails ends the property there, reporting its seed and input unshrunk: shrinking a
// case that does not end would take one more time limit per try.
const runs = (n: number) => ({ numRuns: n * SCALE, endOnFailure: true });

/**
 * One check ends in seconds (~10 ms here): one that runs this long is a hang, and failing it with
 * the input's file (kept in the fuzz folder) makes it a case to reproduce, where the test's own
 * time limit said nothing of which input it was (seen once in a full run, not reproduced in
 * ~7 000 cases since).
 */
const HANG_MS = 20_000;

const dir = scratchDir('credit-audit-fuzz-');
let n = 0;


const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Check one input the way a district office would run it, and hold the CLI to its contract. */
async function checkSurvives(name: string, bytes: Buffer, writeReport: boolean): Promise<void> {
  const file = path.join(dir, `${++n}-${name}`);
  writeFileSync(file, bytes);
  const io = memoryIo(dir);
  const out = path.join(dir, `report-${n}.xlsx`);
  let watchdog: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    watchdog = setTimeout(() => reject(new Error(`check did not end in ${HANG_MS / 1000} s on ${file} (report: ${writeReport})`)), HANG_MS);
  });
  const code = await Promise.race([run(['check', file, '--format', 'json', '--year', '2025', ...(writeReport ? ['--out', out] : ['--no-out'])], io), hung]).finally(() => clearTimeout(watchdog));
  expect([0, 1, 2]).toContain(code);
  expect(io.out + io.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  const json = JSON.parse(io.out);
  const input = json.inputs[0];
  if (input.error) {
    // Files are named as the user would name them: relative to where the command ran.
    const named = path.relative(dir, file);
    expect(code).toBe(2);
    expect(input.error.message).toContain(named);
    expect(io.err.trim().split('\n').filter((l) => l.includes(named))).toHaveLength(1);
  } else expect(code).not.toBe(2);
  expect(sha(readFileSync(file))).toBe(sha(bytes));
  if (writeReport && code !== 2) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.length).toBe(4);
  }
}

function mutate(bytes: Buffer, flips: Array<[number, number]>): Buffer {
  const b = Buffer.from(bytes);
  for (const [at, v] of flips) b[Math.floor(at * b.length) % b.length] = v;
  return b;
}

async function entriesOf(bytes: Buffer): Promise<ZipEntry[]> {
  const z = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const out: ZipEntry[] = [];
  // yauzl's own iterator: a listener added per entry here stayed on the zip until its end
  // (MaxListenersExceededWarning for a workbook of more than ten parts).
  for await (const e of z.eachEntry()) {
    const stream = await z.openReadStreamPromise(e);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    out.push({ name: e.fileName, data: Buffer.concat(chunks) });
  }
  z.close();
  return out;
}

const NASTY = ['<', '&', '"', '\u0000', '\u001b[2J', '\ufffe', '99999999999999999999', '-1', 'NaN', '<c r="A1048577"><v>1</v></c>', '<row r="0">', '</sheetData>', '<is><t>' + '长'.repeat(2000), 'x'.repeat(40_000)];

describe('fuzz: check never throws past the CLI', () => {
  it('random bytes under spreadsheet names', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 3000 }), fc.constantFrom('x.xlsx', 'x.csv', 'x.xls', 'x.xlsm'), async (bytes, name) => {
        await checkSurvives(name, Buffer.from(bytes), false);
      }),
      runs(60),
    );
  });

  it('real returns cut short at any length', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...REAL), fc.double({ min: 0, max: 1, noNaN: true }), async (real, at) => {
        await checkSurvives(real.name, real.bytes.subarray(0, Math.floor(at * real.bytes.length)), false);
      }),
      runs(40),
    );
  });

  it('real returns with bytes changed anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...REAL), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }), fc.boolean(), async (real, flips, report) => {
        await checkSurvives(real.name, mutate(real.bytes, flips), report);
      }),
      runs(50),
    );
  });

  it('real workbooks whose XML is damaged inside a sound zip', async () => {
    const books = await Promise.all(REAL.filter((r) => r.name.endsWith('.xlsx')).map(async (r) => ({ name: r.name, entries: await entriesOf(r.bytes) })));
    // Every part of each workbook was taken apart, or there would be nothing to damage.
    for (const b of books) expect(b.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['xl/workbook.xml', '[Content_Types].xml']));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...books),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...NASTY),
        fc.constantFrom('insert', 'replace', 'truncate'),
        fc.boolean(),
        async (book, which, at, nasty, how, report) => {
          const xml = book.entries.filter((e) => e.name.endsWith('.xml') || e.name.endsWith('.rels'));
          const target = xml[which % xml.length]!;
          const text = target.data.toString('utf8');
          const i = Math.floor(at * text.length);
          const changed = how === 'truncate' ? text.slice(0, i) : how === 'insert' ? text.slice(0, i) + nasty : text.slice(0, i) + nasty + text.slice(i + nasty.length);
          const entries = book.entries.map((e) => (e === target ? { name: e.name, data: Buffer.from(how === 'insert' ? changed + text.slice(i) : changed, 'utf8') } : e));
          await checkSurvives(book.name, zip(entries), report);
        },
      ),
      runs(60),
    );
  });
});
