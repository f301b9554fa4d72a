import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { message, t, term, type Lang } from '../i18n/index.js';
import type { AuditResult, Finding, Severity } from '../model/types.js';
import { FILL } from './sheets.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * `--annotate DIR`: a copy of each .xlsx input with the cells its findings point at filled and
 * noted, the layout otherwise as the school sent it — so a school can fix the file it sent. The
 * input itself is only read. Returns the files written.
 */
export async function writeAnnotatedCopies(result: AuditResult, dir: string, cwd: string, lang: Lang): Promise<string[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (!f.ref || !f.ref.file.toLowerCase().endsWith('.xlsx') || f.severity === 'info') continue;
    byFile.set(f.ref.file, [...(byFile.get(f.ref.file) ?? []), f]);
  }
  const written: string[] = [];
  await mkdir(path.resolve(cwd, dir), { recursive: true });
  for (const [file, findings] of byFile) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.resolve(cwd, file));
    const byCell = new Map<string, Finding[]>();
    for (const f of findings) {
      const k = `${f.ref!.sheet}\u0000${f.ref!.cell}`;
      byCell.set(k, [...(byCell.get(k) ?? []), f]);
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
      await wb.xlsx.writeFile(tmp);
      await rename(tmp, out);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    written.push(path.relative(cwd, out) || out);
  }
  return written;
}
