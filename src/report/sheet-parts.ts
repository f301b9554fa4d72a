import type { ReportCell, ReportSheet } from './sheets.js';

/**
 * A sheet longer than Excel allows, as parts that follow one another (教师, 教师 (2), …): Excel
 * does not load a longer sheet as written, and a province's 问题清单 or `--all-teachers` 教师 can
 * pass 1 048 575 rows; 问题清单, a link a row, passes the links a sheet holds much sooner. Data
 * row i (from 0) of the whole is in part ⌊i / perPart⌋.
 */
export interface Parts {
  names: string[];
  perPart: number;
  rows: number;
  /** What a part may not pass: Excel's rows, or its links (a row of 问题清单 has one). */
  limit: { by: 'rows' | 'links'; count: number };
  /** The sheet and row (counting the header as row 1) of data row i. */
  at(i: number): { sheet: string; row: number };
}

export function partsOf(name: string, dataRows: number, rowLimit: number, linkLimit = Infinity): Parts {
  const limit = linkLimit < rowLimit - 1 ? { by: 'links' as const, count: linkLimit } : { by: 'rows' as const, count: rowLimit };
  const perPart = limit.by === 'links' ? linkLimit : rowLimit - 1;
  const names = Array.from({ length: Math.max(1, Math.ceil(dataRows / perPart)) }, (_, k) => (k === 0 ? name : `${name} (${k + 1})`));
  return { names, perPart, rows: dataRows, limit, at: (i) => ({ sheet: names[Math.floor(i / perPart)]!, row: (i % perPart) + 2 }) };
}

/**
 * `sheet` as its parts, each with the header. The parts share one pass over `sheet.rows()`, each
 * taking the next rows, so they are written in order, as the writers do: building the rows twice
 * would cost as much again.
 */
export function splitSheet(sheet: ReportSheet, parts: Parts): ReportSheet[] {
  if (parts.names.length === 1) return [sheet];
  let source: Iterator<ReportCell[]> | undefined;
  let header: ReportCell[] = [];
  return parts.names.map((name, k) => {
    const here = Math.min(parts.perPart, parts.rows - k * parts.perPart);
    return {
      ...sheet,
      name,
      rowCount: here + 1,
      *rows() {
        if (!source) {
          source = sheet.rows()[Symbol.iterator]();
          header = source.next().value ?? [];
        }
        yield header;
        for (let n = 0; n < here; n++) {
          const next = source.next();
          if (next.done) return;
          yield next.value;
        }
      },
    };
  });
}

