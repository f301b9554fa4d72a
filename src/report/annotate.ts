import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { message, t, term, type Lang } from '../i18n/index.js';
import type { AuditResult, Finding, Severity } from '../model/types.js';
import { ownShapeIds } from './shape-ids.js';
import { FILL } from './sheets.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Rows above which a file gets no annotated copy: exceljs holds the whole workbook to copy it,
 * ~25 KB a row (measured: 20 000 rows 0.6 GB and 5 s, 50 000 rows 1.25 GB and 11 s, 100 000 rows
 * 2.3–2.7 GB and 26 s; a province's million rows would not fit in memory), past what an office PC
 * gives a Node process. A return that large is a district's or a province's, read in the report.
 */
export const ANNOTATE_MAX_ROWS = 50_000;

export interface AnnotatedCopies {
  /** The copies written. */
  written: string[];
  /** Inputs with findings that got no copy: more rows than `maxRows`. */
  tooLarge: Array<{ file: string; rows: number }>;
  maxRows: number;
}

/**
 * `--annotate DIR`: a copy of each .xlsx input with the cells its findings point at filled and
 * noted, the layout otherwise as the school sent it — so a school can fix the file it sent. The
 * input itself is only read.
 */
export async function writeAnnotatedCopies(result: AuditResult, dir: string, cwd: string, lang: Lang, maxRows = ANNOTATE_MAX_ROWS): Promise<AnnotatedCopies> {
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (!f.ref || !f.ref.file.toLowerCase().endsWith('.xlsx') || f.severity === 'info') continue;
    // Pushed, not copied into a new list per finding: a province's file has a quarter of a million.
    const list = byFile.get(f.ref.file);
    if (list) list.push(f);
    else byFile.set(f.ref.file, [f]);
  }
  const written: string[] = [];
  const tooLarge: AnnotatedCopies['tooLarge'] = [];
  const rowsOf = new Map(result.inputs.map((i) => [i.file, i.sheets.reduce((n, sh) => n + sh.rowsRead, 0)]));
  await mkdir(path.resolve(cwd, dir), { recursive: true });
  for (const [file, findings] of byFile) {
    const rows = rowsOf.get(file) ?? 0;
    if (rows > maxRows) {
      tooLarge.push({ file, rows });
      continue;
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.resolve(cwd, file));
    const byCell = new Map<string, Finding[]>();
    for (const f of findings) {
      const k = `${f.ref!.sheet}\u0000${f.ref!.cell}`;
      const list = byCell.get(k);
      if (list) list.push(f);
      else byCell.set(k, [f]);
    }
    for (const [k, list] of byCell) {
      const [sheet, address] = k.split('\u0000') as [string, string];
      const ws = wb.getWorksheet(sheet);
      if (!ws) continue;
      const target = ws.getCell(address);
      const worst = list.reduce<Severity>((w, f) => (RANK[f.severity] < RANK[w] ? f.severity : w), 'info');
      target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[worst] } };
      target.note = list.map((f) => `[${term(lang, f.severity)}] ${message(lang, f.messageId, f.data)}（${t(lang, 'ui', 'clause')}：${f.clause}）`).join('\n');
    }
    const base = path.basename(file, path.extname(file));
    const out = path.resolve(cwd, dir, `${base}.annotated.xlsx`);
    const tmp = path.join(path.dirname(out), `.${path.basename(out)}.tmp-${randomBytes(4).toString('hex')}`);
    try {
      await writeFile(tmp, ownShapeIds(new Uint8Array(await wb.xlsx.writeBuffer())));
      await rename(tmp, out);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    written.push(path.relative(cwd, out) || out);
  }
  return { written, tooLarge, maxRows };
}
