import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { craftedWorkbook, FORM_HEAD, FORM_HEAD_MERGES, formRows, formTeachers, sheetXml } from '../../scripts/crafted-xlsx.js';
import { loadInput } from '../../src/load/load.js';
import { scratchDir } from '../helpers/scratch.js';

// How often each sheet's rows() is asked for: a streaming reader learns merged ranges and row
// order only at the sheet's end, and a sheet is read a second time only when they matter.
const reads: string[] = [];
vi.mock('../../src/read/open.js', async (importOriginal) => {
  const open = await importOriginal<typeof import('../../src/read/open.js')>();
  return {
    ...open,
    openInput: async (...args: Parameters<typeof open.openInput>) => {
      const r = await open.openInput(...args);
      for (const sheet of r.source.sheets) {
        const rows = sheet.rows.bind(sheet);
        sheet.rows = () => {
          reads.push(sheet.name);
          return rows();
        };
      }
      return r;
    },
  };
});

const dir = scratchDir('credit-audit-second-read-');
const write = (name: string, rows: ReturnType<typeof formRows>, merges: string[] = []) => {
  const file = path.join(dir, name, '2025年度思茅区第一中学.xlsx');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, craftedWorkbook({ sheets: [{ name: '申报表', xml: sheetXml([...FORM_HEAD, ...rows], { merges: [...FORM_HEAD_MERGES, ...merges] }) }] }));
  return file;
};

describe('a sheet longer than the header search is read again only for what its end told', () => {
  it('a form whose merges are its header\'s (rows 4–5) is read once', async () => {
    reads.length = 0;
    const { teachers } = await loadInput(write('header', formRows(formTeachers(60))), { yearOption: null });
    expect(teachers).toHaveLength(60);
    expect(reads).toEqual(['申报表']);
  });

  it('a merged range starting in the first data row reads it again', async () => {
    reads.length = 0;
    const teachers = formTeachers(60);
    teachers[0]!.remarks = '新任教师';
    const { teachers: read } = await loadInput(write('data', formRows(teachers), ['O6:O7']), { yearOption: null });
    expect(reads).toEqual(['申报表', '申报表']);
    expect(read.slice(0, 3).map((t) => t.remarks)).toEqual(['新任教师', '新任教师', '']);
  });
});
