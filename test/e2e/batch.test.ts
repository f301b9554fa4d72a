import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { person, rng } from '../../scripts/fixture-kit.js';
import { fillForm, type FormRow } from '../../scripts/form-sheet.js';
import { cli, expectNoStackTrace } from './helpers.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * A whole county in one run: 300 school returns (small ones, to keep the suite fast), one of them
 * broken. Per-file results, one consolidated report, and the broken file stops nothing.
 */
const SCHOOLS = 300;
const TEACHERS = 3;
const COUNTY = ['思茅区', '宁洱县', '墨江县', '景东县', '景谷县', '镇沅县', '江城县', '孟连县', '澜沧县', '西盟县'];

describe(`a batch of ${SCHOOLS} returns in one run`, () => {
  let dir: string;
  let run: ReturnType<typeof cli>;
  let json: any;
  let seconds: number;
  const incompleteBySchool = new Map<string, number>();

  beforeAll(async () => {
    dir = scratchDir('credit-audit-batch-');
    const r = rng(300);
    for (let i = 0; i < SCHOOLS; i++) {
      const county = COUNTY[i % COUNTY.length]!;
      const school = `${county}第${i + 1}小学`;
      const sub = path.join(dir, county);
      mkdirSync(sub, { recursive: true });
      // Every 7th school has one teacher short of 网络研修 hours: 1 of 3, flagged (≥ 20 %).
      const short = i % 7 === 0 ? 1 : 0;
      incompleteBySchool.set(school, short);
      const lines: FormRow[] = Array.from({ length: TEACHERS }, (_, k) => ({ p: person(r), v: k < short ? [30, 36, 20, 24, 24, 26.4] : [30, 36, 30, 33, 24, 26.4] }));
      const wb = new ExcelJS.Workbook();
      fillForm(wb.addWorksheet('Sheet1'), { year: 2025, school, lines });
      await wb.xlsx.writeFile(path.join(sub, `2025年度${school}.xlsx`));
    }
    writeFileSync(path.join(dir, COUNTY[0]!, '2025年度传输失败.xlsx'), Buffer.from('PK\u0003\u0004 broken in transit'));
    const started = Date.now();
    // Through bin/, a real process: the one county-sized batch read by the worker threads, which
    // run only from dist/ (run() in this process reads one file at a time).
    run = cli(['check', '.', '--format', 'json', '--out', 'county.xlsx'], dir);
    seconds = (Date.now() - started) / 1000;
    json = JSON.parse(run.stdout);
  }, 120_000);

  it('audits every good return and reports the broken one, exit 2, no stack trace', () => {
    console.log(`batch of ${SCHOOLS + 1} files: ${seconds.toFixed(1)} s for the run`);
    expect(run.code).toBe(2);
    expectNoStackTrace(run.stderr);
    expect(json.inputs).toHaveLength(SCHOOLS + 1);
    const failed = json.inputs.filter((i: any) => i.error);
    expect(failed.map((i: any) => [path.basename(i.file), i.error.messageId])).toEqual([['2025年度传输失败.xlsx', 'input.corruptXlsx']]);
    expect(json.summary).toMatchObject({ teachers: SCHOOLS * TEACHERS, schools: SCHOOLS, inputErrors: 1 });
  });

  it('gives per-file results: every return with its rows, teachers and school', () => {
    for (const i of json.inputs.filter((x: any) => !x.error)) {
      expect(i).toMatchObject({ teachers: TEACHERS, rowsRead: TEACHERS + 2, year: 2025, yearSource: 'title' });
      expect(incompleteBySchool.has(i.school), i.school).toBe(true);
    }
  });

  it('flags exactly the schools where a teacher was planted short', () => {
    const flagged = json.schools.filter((s: any) => s.flagged).map((s: any) => s.name).sort();
    expect(flagged).toEqual([...incompleteBySchool].filter(([, n]) => n > 0).map(([s]) => s).sort());
    expect(json.summary.incomplete).toBe([...incompleteBySchool.values()].reduce((a, b) => a + b, 0));
  });

  it('writes one consolidated report: every school, every teacher, every input', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'county.xlsx'));
    expect(wb.getWorksheet('学校')!.actualRowCount).toBe(SCHOOLS + 1);
    expect(wb.getWorksheet('教师')!.actualRowCount).toBe(SCHOOLS * TEACHERS + 1);
    const summary: string[] = [];
    wb.getWorksheet('汇总')!.eachRow((row) => summary.push(String(row.getCell(1).value)));
    for (const i of json.inputs) expect(summary, i.file).toContain(i.file);
  });

  it('raises no identity finding on 900 distinct, valid teachers', () => {
    expect(json.findings.filter((f: any) => f.check.startsWith('duplicate') || f.check.startsWith('id-'))).toEqual([]);
  });
});
