import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowRuns } from '../../src/report/json.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { cli, expectNoStackTrace, internalLinks, ROOT, sha256, workspace } from './helpers.js';

const PUER = path.join(ROOT, 'fixtures', 'puer');
const expectedFiles = readdirSync(PUER).filter((f) => f.endsWith('.expected.json'));
const expected = expectedFiles.map((f) => JSON.parse(readFileSync(path.join(PUER, f), 'utf8')));
const sum = (f: (e: (typeof expected)[number]) => number) => expected.reduce((n, e) => n + f(e), 0);

describe('credit-audit check over every Pu\'er fixture', () => {
  let dir: string;
  let run: CliRun;
  let json: any;
  let before: Record<string, string>;

  beforeAll(async () => {
    dir = workspace('puer');
    before = Object.fromEntries(readdirSync(path.join(dir, 'puer')).map((f) => [f, sha256(path.join(dir, 'puer', f))]));
    run = await runCli(['check', 'puer', '--rules', 'puer', '--format', 'json', '--out', 'report.xlsx'], dir);
    json = JSON.parse(run.stdout);
  });

  it('exits 1 because there are errors, and says where the report went', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('report.xlsx');
    expectNoStackTrace(run.stderr);
  });

  it('gives the summary the fixtures expect', () => {
    const teachers = expected.flatMap((e) => e.teachers);
    expect(json.summary).toMatchObject({
      teachers: teachers.length,
      complete: teachers.filter((t: any) => t.status === 'complete').length,
      incomplete: teachers.filter((t: any) => t.status === 'incomplete').length,
      exempt: teachers.filter((t: any) => t.status === 'exempt').length,
      schools: expected.length,
      schoolsFlagged: sum((e) => e.schools.filter((s: any) => s.flagged).length),
    });
  });

  it('accounts for every row of every input', () => {
    expect(json.inputs).toHaveLength(expected.length);
    for (const e of expected) {
      const input = json.inputs.find((i: any) => i.file === path.join('puer', e.file));
      expect(input, e.file).toBeDefined();
      expect(input.rowsRead).toBe(e.input.rowsRead);
      expect(input.teachers).toBe(e.input.teachers);
      // The JSON gives blank rows as runs ("18-20"); the fixture's truth lists each row.
      expect(input.skipped).toEqual({ ...e.input.skipped, blank: rowRuns(e.input.skipped.blank), notRecognised: [] });
      expect(input.sha256).toBe(before[e.file]);
    }
  });

  it('lists schools with name, teachers, incomplete, share and flag, the latest year first and worst first within it', () => {
    const years = json.schools.map((s: any) => s.year);
    expect(years).toEqual([...years].sort((a: number, b: number) => b - a));
    const shares2025 = json.schools.filter((s: any) => s.year === 2025).map((s: any) => s.share);
    expect(shares2025.length).toBeGreaterThan(2);
    expect(shares2025).toEqual([...shares2025].sort((a: number, b: number) => b - a));
    const ningEr = json.schools.find((s: any) => s.name === '宁洱县民族中学');
    expect(ningEr).toMatchObject({ teachers: 5, incomplete: 1, share: 0.2, flagged: true });
    const jingGu = json.schools.find((s: any) => s.name === '景谷县永平镇中心小学');
    expect(jingGu).toMatchObject({ teachers: 6, incomplete: 1, flagged: false });
  });

  it('gives each finding its check, severity, cell, message and clause', () => {
    const f = json.findings.find((x: any) => x.check === 'annual-mode-minimum' && x.data.measured === 23.5);
    expect(f).toMatchObject({
      severity: 'error',
      school: '思茅区第一中学',
      file: path.join('puer', '2025年度思茅区第一中学.xlsx'),
      sheet: 'Sheet1',
      messageId: 'annualModeBelow',
      clause: expect.stringContaining('第十条'),
      shortfall: { measure: 'hours', scope: 'online', measured: 23.5, required: 24, missing: 0.5 },
    });
    expect(f.cell).toMatch(/^I\d+$/);
    expect(f.message).toContain('网络研修学时 23.5');
    const t = json.teachers.find((x: any) => x.id === f.teacherId);
    expect(t.status).toBe('incomplete');
    expect(t.shortfalls.length).toBeGreaterThan(0);
  });

  it('never changes an input file', () => {
    for (const [f, hash] of Object.entries(before)) expect(sha256(path.join(dir, 'puer', f)), f).toBe(hash);
  });

  describe('the Excel report', () => {
    let wb: ExcelJS.Workbook;
    beforeAll(async () => {
      wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, 'report.xlsx'));
    });

    it('has the sheets 汇总, 学校, 教师, 问题清单', () => {
      expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '学校', '教师', '问题清单']);
    });

    it('fills a failing cell and notes the reason and clause', () => {
      const ws = wb.getWorksheet('教师')!;
      // A header is broken at its words (网络研修 / 学时): read whole.
      const head = (ws.getRow(1).values as unknown[]).map((v) => String(v).replace(/\n/g, ''));
      const onlineHours = head.indexOf('网络研修学时');
      let found = false;
      ws.eachRow((row, n) => {
        if (n === 1 || row.getCell(onlineHours).value !== 23.5) return;
        const cell = row.getCell(onlineHours);
        expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
        const note = typeof cell.note === 'string' ? cell.note : (cell.note as any).texts.map((t: any) => t.text).join('');
        expect(note).toContain('还差 0.5');
        expect(note).toContain('第十条');
        found = true;
      });
      expect(found).toBe(true);
    });

    it('freezes and filters the headers', () => {
      for (const name of ['学校', '教师', '问题清单']) {
        const ws = wb.getWorksheet(name)!;
        expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
        expect(ws.autoFilter, name).toBeTruthy();
      }
    });

    it('fills flagged schools', () => {
      const ws = wb.getWorksheet('学校')!;
      const rows: Array<{ name: unknown; flagged: unknown; fill: string | undefined }> = [];
      ws.eachRow((row, n) => {
        if (n > 1) rows.push({ name: row.getCell(1).value, flagged: row.getCell(7).value, fill: (row.getCell(1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb });
      });
      expect(rows.find((r) => r.name === '宁洱县民族中学')).toMatchObject({ flagged: '是', fill: 'FFFFC7CE' });
      expect(rows.find((r) => r.name === '思茅区第一中学')?.fill).toBeUndefined();
    });

    it('links each teacher finding to the teacher row', async () => {
      const ws = wb.getWorksheet('问题清单')!;
      const teachers = wb.getWorksheet('教师')!;
      const nameCol = (teachers.getRow(1).values as unknown[]).map(String).indexOf('姓名');
      const links = await internalLinks(path.join(dir, 'report.xlsx'), '问题清单');
      let checked = 0;
      ws.eachRow((row, n) => {
        if (n === 1 || !row.getCell(7).value) return;
        const link = { hyperlink: links.get(row.getCell(1).address) ?? '' };
        const m = /^'教师'!A(\d+)$/.exec(link.hyperlink);
        expect(m, link.hyperlink).toBeTruthy();
        expect(teachers.getRow(Number(m![1])).getCell(nameCol).value).toBe(row.getCell(7).value);
        checked++;
      });
      expect(checked).toBeGreaterThan(5);
    });

    it('lists every input with its SHA-256 in 汇总', () => {
      const ws = wb.getWorksheet('汇总')!;
      const text: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
      for (const input of json.inputs) expect(text.join('\n')).toContain(input.sha256);
    });
  });
});

describe('credit-audit check: exit codes and bad input', () => {
  it('exits 0 when nothing reaches --fail-on', async () => {
    const dir = workspace('puer');
    const rules = readFileSync(path.join(ROOT, 'rules', 'puer.yaml'), 'utf8')
      .replace('options: { hours: 72, credits: 72 }', 'options: { hours: 40, credits: 40 }')
      .replace('options: { modes: [concentrated, online, school], hours: 24, credits: 24 }', 'options: { modes: [concentrated, online, school], hours: 10, credits: 10 }');
    writeFileSync(path.join(dir, 'lenient.yaml'), rules);
    const r = await runCli(['check', 'puer/2025年度思茅区第一中学.xlsx', '--rules', './lenient.yaml', '--no-out'], dir);
    expect(r.stdout).toContain('已完成 14');
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'credit-audit-report.xlsx'))).toBe(false);
  });

  it('--fail-on warning turns a warning-only result into exit 1, --fail-on never into 0', async () => {
    const dir = workspace('puer');
    // In this process: run() gives the code bin/ ends with (process.exitCode = code). That a shell
    // or CI sees it, 0, 1 and 2, is test/cli/exit-codes.test.ts's, from real processes.
    expect((await runCli(['check', 'puer', '--fail-on', 'never', '--no-out'], dir)).code).toBe(0);
    expect((await runCli(['check', 'puer', '--fail-on', 'warning', '--no-out'], dir)).code).toBe(1);
  });

  it('exits 2 naming the file and --year when no year can be found, and audits with --year', async () => {
    const dir = workspace('bad');
    const r = await runCli(['check', 'bad/申报表-无年度.xlsx', '--no-out'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('申报表-无年度.xlsx');
    expect(r.stdout + r.stderr).toContain('--year');
    expectNoStackTrace(r.stdout + r.stderr);
    const ok = await runCli(['check', 'bad/申报表-无年度.xlsx', '--year', '2025', '--format', 'json', '--no-out'], dir);
    expect(JSON.parse(ok.stdout).teachers[0].year).toBe(2025);
  });

  it('refuses an --out that is one of the inputs, leaving it unchanged', async () => {
    const dir = workspace('puer');
    const input = 'puer/2025年度思茅区第一中学.xlsx';
    const hash = sha256(path.join(dir, input));
    const r = await runCli(['check', input, '--out', input], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out');
    expect(sha256(path.join(dir, input))).toBe(hash);
  });

  it('exits 2 on a bad rule file, naming the file, the key and the allowed values', async () => {
    const dir = workspace('puer');
    writeFileSync(path.join(dir, 'typo.yaml'), readFileSync(path.join(ROOT, 'rules', 'puer.yaml'), 'utf8').replace('mode-hours-cap:', 'mode-hour-cap:'));
    const r = await runCli(['check', 'puer', '--rules', './typo.yaml', '--no-out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('typo.yaml');
    expect(r.stderr).toContain('checks.mode-hour-cap');
    expect(r.stderr).toContain('mode-hours-cap');
    expectNoStackTrace(r.stderr);
  });

  it('prints its version, the one package.json gives, and exits 0 (--version, -V)', async () => {
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag], ROOT);
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: `${version}\n` });
    }
  });

  it('exits 2 for an unknown option value, without a stack trace', () => {
    // Through bin/: commander's own error ends the process with 2, not commander's default 1.
    const r = cli(['check', 'x.xlsx', '--format', 'xml'], ROOT);
    expect(r.code).toBe(2);
    expectNoStackTrace(r.stderr);
  });

  it('audits the good files of a batch when one cannot be read, and exits 2', async () => {
    const dir = workspace('puer');
    writeFileSync(path.join(dir, 'empty.xlsx'), '');
    const r = await runCli(['check', 'empty.xlsx', 'puer/value-quirks.xlsx', '--format', 'json', '--no-out'], dir);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.summary.teachers).toBe(5);
    expect(json.inputs[0].error.message).toContain('empty.xlsx');
  });

  it('writes English with --lang en', async () => {
    const dir = workspace('puer');
    const r = await runCli(['check', 'puer/value-quirks.xlsx', '--lang', 'en', '--out', 'r.xlsx'], dir);
    expect(r.stdout).toContain('teachers:');
    expect(r.stdout).toContain('school-based study credits 0 is below the yearly 24');
  });

  it('--mask-ids keeps only the first 6 and last 4 characters of every 身份证号', async () => {
    const dir = workspace('puer');
    const r = await runCli(['check', 'puer/value-quirks.xlsx', '--format', 'json', '--mask-ids', '--no-out'], dir);
    const ids = JSON.parse(r.stdout).teachers.map((t: any) => t.id);
    for (const id of ids) expect(id).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(r.stdout).not.toMatch(/\d{17}[\dX]/);
  });
});

describe('the JSON result', () => {
  it('validates against its schema, and docs/result.schema.json is the one generated from it', async () => {
    const { resultSchema, resultJsonSchema } = await import('../../src/report/result-schema.js');
    const dir = workspace('puer');
    const r = await runCli(['check', 'puer', '--format', 'json', '--no-out'], dir);
    const parsed = resultSchema.strict().safeParse(JSON.parse(r.stdout));
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(ROOT, 'docs', 'result.schema.json'), 'utf8'))).toEqual(resultJsonSchema());
  });
});

describe('--annotate', () => {
  it('writes a copy of each return with its failing cells filled and noted, leaving the input unchanged', async () => {
    const dir = workspace('puer');
    const input = 'puer/2025年度思茅区第一中学.xlsx';
    const hash = sha256(path.join(dir, input));
    const r = await runCli(['check', input, '--annotate', 'annotated', '--no-out'], dir);
    expect(r.code).toBe(1);
    expect(sha256(path.join(dir, input))).toBe(hash);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'annotated', '2025年度思茅区第一中学.annotated.xlsx'));
    const ws = wb.worksheets[0]!;
    let noted = 0;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value === 23.5) {
          expect((c.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
          noted++;
        }
      }),
    );
    expect(noted).toBe(2); // 23.5 online hours and 23.5 online credits
    expect(ws.getCell('A2').value).toContain('申报表'); // the school's own layout is kept
  });

  it('refuses to write the copies into a folder of inputs', async () => {
    const dir = workspace('puer');
    const r = await runCli(['check', 'puer/value-quirks.xlsx', '--annotate', 'puer', '--no-out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--annotate');
  });
});
