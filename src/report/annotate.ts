import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { message, t, term, type Lang } from '../i18n/index.js';
import type { AuditResult, Finding, Severity } from '../model/types.js';
import { maskText } from './mask.js';
import { annotatedCopyKeyword } from '../model/marker.js';
import { ownShapeIds } from './shape-ids.js';
import { FILL } from './sheets.js';
import { writeAtomically } from './temp-files.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * How large a workbook gets an annotated copy, in cells, a row counting as two: exceljs holds the
 * whole workbook to copy it, and its memory grows with the cells and the rows, not the rows alone
 * (issue 18: 300 rows filled out to column XFD, 4.9 million cells, took 114 s and 4.2 GB, and died
 * in a 1 GB heap). Measured (exceljs 4, read, one note, written to a buffer; peak RSS):
 * 50 000 rows × 15 columns (750 000 cells) 11 s, 0.96 GB, and it fits a 700 MB heap;
 * 20 000 × 15 (300 000) 4.1 s, 0.52 GB; 2 000 × 150 (300 000) 4.2 s, 0.49 GB;
 * 300 × 2 000 (600 000) 7.8 s, 0.85 GB; 300 000 × 1 (300 000 cells in as many rows) 8.3 s,
 * 1.08 GB — ~1.3 KB a cell and ~2 KB more a row. So the bound is the 50 000-row return of the
 * 附件2—2 form (15 columns), the largest copied before: 750 000 cells + 2 × 50 000 rows.
 */
export const ANNOTATE_MAX_CELLS = 850_000;

export interface AnnotatedCopies {
  /** The copies written. */
  written: string[];
  /** Inputs with findings that got no copy: more cells (a row counting as two) than `maxCells`. */
  tooLarge: Array<{ file: string; cells: number; rows: number }>;
  /** Inputs the audit read that the copier could not copy (or that it read with a sheet missing), and why. */
  failed: Array<{ file: string; detail: string }>;
  /** Inputs with findings that are not .xlsx (.xls, .ods, .csv, …): only an .xlsx is copied. Said, not an error. */
  notXlsx: string[];
  /** Copies that could not be written, and the error: the others were still written. */
  writeFailed: Array<{ file: string; error: unknown }>;
  maxCells: number;
}

/** A copy that could not be written because the disk is full: the rest would fail the same way. */
export class AnnotateDiskFull extends Error {
  constructor(
    readonly file: string,
    readonly error: unknown,
    /** What was done before it: the copies written are whole, and are said as written. */
    readonly copies: AnnotatedCopies,
  ) {
    super(`disk full writing ${file}`);
  }
}

/** The copier could not read a workbook the audit read: said for that file alone. */
class CannotCopy extends Error {}

/**
 * `--annotate DIR`: a copy of each .xlsx input with the cells its findings point at filled and
 * noted, the layout otherwise as the school sent it — so a school can fix the file it sent. The
 * input itself is only read. Each copy has a name of its own (copyNames); a file too large to
 * copy, one the copier cannot read and one that cannot be written are each reported alone, and
 * the other copies are still written.
 */
export async function writeAnnotatedCopies(result: AuditResult, dir: string, cwd: string, lang: Lang, maxCells = ANNOTATE_MAX_CELLS, maskIds = false): Promise<AnnotatedCopies> {
  const byFile = new Map<string, Finding[]>();
  const notXlsx = new Set<string>();
  for (const f of result.findings) {
    if (!f.ref || f.severity === 'info') continue;
    // exceljs copies only .xlsx: another input's findings are in the report, and it is said (notXlsx).
    if (!f.ref.file.toLowerCase().endsWith('.xlsx')) {
      notXlsx.add(f.ref.file);
      continue;
    }
    // Pushed, not copied into a new list per finding: a province's file has a quarter of a million.
    const list = byFile.get(f.ref.file);
    if (list) list.push(f);
    else byFile.set(f.ref.file, [f]);
  }
  const copies: AnnotatedCopies = { written: [], tooLarge: [], failed: [], writeFailed: [], notXlsx: [...notXlsx], maxCells };
  await mkdir(path.resolve(cwd, dir), { recursive: true });
  // Named from every file with findings, not only those copied: a name does not depend on which others failed.
  const names = copyNames([...byFile.keys()], cwd);
  for (const [file, findings] of byFile) {
    const input = path.resolve(cwd, file);
    let wb: ExcelJS.Workbook;
    try {
      const size = await workbookSize(input, maxCells);
      if (size.cells + 2 * size.rows > maxCells) {
        copies.tooLarge.push({ file, ...size });
        continue;
      }
      wb = new ExcelJS.Workbook();
      try {
        await wb.xlsx.readFile(input);
      } catch (e) {
        throw new CannotCopy(firstLine(e));
      }
      // exceljs reads some workbooks it cannot follow as having no sheets (no workbook.xml.rels,
      // part names with backslashes): a copy without the sheet a finding is on is no copy.
      const missing = [...new Set(findings.map((f) => f.ref!.sheet))].find((s) => !wb.getWorksheet(s));
      if (missing !== undefined) throw new CannotCopy(wb.worksheets.length ? `no sheet "${missing}"` : 'no sheets');
    } catch (e) {
      copies.failed.push({ file, detail: e instanceof CannotCopy ? e.message : firstLine(e) });
      continue;
    }
    const byCell = new Map<string, Finding[]>();
    for (const f of findings) {
      const k = `${f.ref!.sheet}\u0000${f.ref!.cell}`;
      const list = byCell.get(k);
      if (list) list.push(f);
      else byCell.set(k, [f]);
    }
    let bytes: Uint8Array;
    try {
      for (const [k, list] of byCell) {
        const [sheet, address] = k.split('\u0000') as [string, string];
        const target = wb.getWorksheet(sheet)!.getCell(address);
        const worst = list.reduce<Severity>((w, f) => (RANK[f.severity] < RANK[w] ? f.severity : w), 'info');
        target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[worst] } };
        target.note = list.map((f) => `[${term(lang, f.severity)}] ${message(lang, f.messageId, f.data)}（${t(lang, 'ui', 'clause')}：${f.clause}）`).join('\n');
      }
      // The mark (./marker.ts) by which a later run knows the copy from a return; the same time
      // in both, so a copy a school corrects and saves again (a new dcterms:modified) is a return.
      const written = new Date(Math.floor(Date.now() / 1000) * 1000);
      wb.keywords = annotatedCopyKeyword(written);
      wb.modified = written;
      if (maskIds) maskIdCells(wb);
      bytes = ownShapeIds(new Uint8Array(await wb.xlsx.writeBuffer()));
    } catch (e) {
      // The workbook as exceljs read it could not be written back: the input, not the disk.
      copies.failed.push({ file, detail: firstLine(e) });
      continue;
    }
    const out = path.resolve(cwd, dir, names.get(file)!);
    const shown = path.relative(cwd, out) || out;
    try {
      // Renamed over a folder, a device or a pipe, the copy would replace it (/dev/null, as root).
      const there = await stat(out).catch(() => undefined);
      if (there && !there.isFile()) throw new Error('not a regular file');
      await writeAtomically(out, (tmp) => writeFile(tmp, bytes));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOSPC') throw new AnnotateDiskFull(shown, e, copies);
      copies.writeFailed.push({ file: shown, error: e });
      continue;
    }
    copies.written.push(shown);
  }
  return copies;
}

/**
 * The file name of each input's copy: `<name>.annotated.xlsx`, and where two inputs share a name
 * (two schools' returns in folders of their own, 思茅区/2025年度第一中学.xlsx and
 * 宁洱县/2025年度第一中学.xlsx) each gets its folder's name, `2025年度第一中学 (思茅区).annotated.xlsx`;
 * more of the path (`a-x`) where the folders' names are the same too, and a number last. Names are
 * compared as Windows and macOS compare them (case and Unicode form), where the copies may land.
 * One copy overwrote the other before, and a school could be sent another school's 身份证号 (issue 18).
 */
export function copyNames(files: string[], cwd: string): Map<string, string> {
  const key = (s: string) => s.normalize('NFC').toLowerCase();
  const base = (f: string) => path.basename(f, path.extname(f));
  const groups = new Map<string, string[]>();
  for (const f of files) {
    const k = key(base(f));
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const stems = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length === 1) {
      stems.set(group[0]!, base(group[0]!));
      continue;
    }
    const folders = new Map(group.map((f) => [f, path.dirname(path.resolve(cwd, f)).split(/[\\/]/).filter(Boolean)]));
    const deepest = Math.max(...[...folders.values()].map((d) => d.length));
    // The fewest folders, from the nearest, that tell the group's files apart as far as folders
    // can (two in one folder, named alike but for case, are told apart by a number below).
    const suffix = (f: string, d: number) => folders.get(f)!.slice(-d).join('-');
    const apart = (d: number) => new Set(group.map((f) => key(suffix(f, d)))).size;
    const most = apart(deepest);
    let depth = 1;
    while (depth < deepest && apart(depth) < most) depth++;
    for (const f of group) {
      const s = suffix(f, depth);
      stems.set(f, s ? `${base(f)} (${s})` : base(f));
    }
  }
  // A name made with a folder may still meet another (an input named `x (a).xlsx`, or two
  // spellings of one name on a case-sensitive disk): numbered, in input order.
  const taken = new Set<string>();
  const names = new Map<string, string>();
  for (const f of files) {
    const stem = stems.get(f)!;
    let name = `${stem}.annotated.xlsx`;
    for (let n = 2; taken.has(key(name)); n++) name = `${stem} (${n}).annotated.xlsx`;
    taken.add(key(name));
    names.set(f, name);
  }
  return names;
}

/** A worksheet's part, a slash or a backslash between the folders (exceljs loads every sheet, hidden ones too). */
const PART_NAME = /(^|[\\/])worksheets[\\/][^\\/]+\.xml$/i;
/** `<c …>` and `<row …>`, with or without a namespace prefix (`<x:c>`, strict OOXML). */
const CELL_OR_ROW = /<(?:[A-Za-z_][\w.-]{0,15}:)?(c|row)[\s/>]/g;
/** The longest match above less one: text kept from one piece of XML for the next. */
const CARRY = 24;

/**
 * The cells and rows of every sheet of a workbook (exceljs loads them all), counted in the
 * sheets' XML as it inflates, before exceljs is given the file; counting stops once the cells
 * and rows weigh more than `limit`, so a sheet of millions of cells is refused in a moment.
 */
export async function workbookSize(file: string, limit = Infinity): Promise<{ cells: number; rows: number }> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, strictFileNames: false, decodeStrings: true, autoClose: false });
  let cells = 0;
  let rows = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (!PART_NAME.test(entry.fileName)) continue;
      let carry = '';
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        // Tags are ASCII: latin1 maps each byte to one character, and never fails on UTF-8 split between pieces.
        const text = carry + (chunk as Buffer).toString('latin1');
        for (const m of text.matchAll(CELL_OR_ROW)) {
          // A match wholly inside the carried text was counted with the piece before.
          if (m.index + m[0].length <= carry.length) continue;
          if (m[1] === 'c') cells++;
          else rows++;
        }
        carry = text.slice(-CARRY);
        if (cells + 2 * rows > limit) return { cells, rows };
      }
    }
  } finally {
    zip.close();
  }
  return { cells, rows };
}

/**
 * `--mask-ids`: every 身份证号 in the copy's cells masked as in the other outputs (a copy goes back
 * to a school by e-mail, as the report does). Every cell is looked at, not only the 身份证号 column:
 * an ID typed in 备注 or in the wrong column is masked too. An ID kept as a number (an old 15-digit
 * one, or 18 digits Excel rounded) becomes its masked text.
 */
function maskIdCells(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (typeof v === 'string') {
          const m = maskText(v);
          if (m !== v) cell.value = m;
        } else if (typeof v === 'number' && Number.isInteger(v)) {
          const m = maskText(String(v));
          if (m !== String(v)) cell.value = m;
        } else if (v && typeof v === 'object' && 'richText' in v) {
          const parts = v.richText.map((r) => ({ ...r, text: maskText(r.text) }));
          if (parts.some((r, i) => r.text !== v.richText[i]!.text)) cell.value = { richText: parts };
        }
      });
    });
  }
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 200);
}
