import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { expectNoStackTrace, ROOT, sha256, workspace } from './helpers.js';

/**
 * One fixture per bad-input case (scripts/make-bad-fixtures.ts writes them and expected.json):
 * each run alone (in this process, as bin/ runs it) gives its exit code and a message naming the
 * file and what to do; all of them in one batch with a good return still audit the good one.
 */
const BAD = path.join(ROOT, 'fixtures', 'bad');
const expected: Record<string, { exit: number; messageId?: string; mentions: string[] }> = JSON.parse(readFileSync(path.join(BAD, 'expected.json'), 'utf8'));

describe('every bad-input fixture has an expectation, and every expectation a fixture', () => {
  it('fixtures/bad = expected.json', () => {
    const files = readdirSync(BAD).filter((f) => f !== 'expected.json').sort();
    expect(Object.keys(expected).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(18);
  });
});

describe.each(Object.entries(expected))('credit-audit check bad/%s', (file, e) => {
  it(`exits ${e.exit}, naming the file${e.messageId ? ` in its message (${e.messageId})` : ''}, and leaves it unchanged`, async () => {
    const dir = workspace('bad');
    const input = path.join('bad', file);
    const before = sha256(path.join(dir, input));
    const r = await runCli(['check', input, '--no-out'], dir);
    const out = r.stdout + r.stderr;
    expectNoStackTrace(out);
    expect(r.code, out).toBe(e.exit);
    expect(out).toContain(file);
    for (const m of e.mentions) expect(out, m).toContain(m);
    if (e.exit === 2) {
      // The message is one line of its own: "无法审核 — <file>：<what is wrong>。<what to do>。"
      const line = r.stdout.split('\n').find((l) => l.includes('无法审核'));
      expect(line, r.stdout).toBeDefined();
      expect(line).toMatch(/请|用 --year/);
    }
    expect(sha256(path.join(dir, input))).toBe(before);
  });
});

describe('all bad inputs in one batch, with a good return', () => {
  let dir: string;
  let run: CliRun;
  let json: any;
  beforeAll(async () => {
    dir = workspace('bad', 'puer');
    run = await runCli(['check', 'bad', 'puer/value-quirks.xlsx', '--format', 'json', '--lang', 'en', '--out', 'report.xlsx'], dir);
    json = JSON.parse(run.stdout);
  });

  it('exits 2 without a stack trace, and still audits and reports the good return', () => {
    expect(run.code).toBe(2);
    expectNoStackTrace(run.stderr);
    const good = json.inputs.find((i: any) => i.file.endsWith('value-quirks.xlsx'));
    expect(good).toMatchObject({ error: null, teachers: 5 });
    expect(json.teachers.filter((t: any) => t.school === '宁洱县民族中学')).toHaveLength(5);
  });

  it('gives each bad file its message id, in one line of English naming the file', () => {
    for (const [file, e] of Object.entries(expected)) {
      const input = json.inputs.find((i: any) => i.file === path.join('bad', file));
      expect(input, file).toBeDefined();
      if (!e.messageId) {
        expect(input.error, file).toBeNull();
        continue;
      }
      expect(input.error.messageId, file).toBe(e.messageId);
      expect(input.error.message).toContain(file);
      expect(input.error.message).not.toMatch(/\n|\{\w+(:term)?\}/);
      expect(run.stderr).toContain(input.error.message);
    }
    expect(json.summary.inputErrors).toBe(Object.values(expected).filter((e) => e.exit === 2).length);
  });

  it('lists the sheets it skipped, and why, for workbooks it audited', () => {
    const multi = json.inputs.find((i: any) => i.file.endsWith('2025年度多个工作表.xlsx'));
    expect(multi.skippedSheets.map((s: any) => [s.sheet, s.reason])).toEqual([
      ['填表说明', 'not-a-form'],
      ['统计', 'not-a-form'],
      ['Sheet3', 'empty'],
    ]);
    expect(multi.sheets.map((s: any) => s.sheet)).toEqual(['申报表']);
    const hidden = json.inputs.find((i: any) => i.file.endsWith('2025年度隐藏工作表.xlsx'));
    expect(hidden.skippedSheets).toEqual([{ sheet: '2024年度（旧）', reason: 'hidden-form', message: expect.stringContaining('unhide') }]);
    expect(hidden.teachers).toBe(3);
  });

  it('names the headers found and the nearest shape for a sheet that is no form', () => {
    const wage = json.inputs.find((i: any) => i.file.endsWith('工资表.xlsx'));
    expect(wage.error.message).toContain('姓名 | 部门 | 岗位 | 基本工资 | 绩效工资 | 合计');
    expect(wage.error.message).toContain('Nearest shape: the 附件2—2 form (puer-form), which also needs: 身份证号码, 集中培训(学时, 学分), 网络研修(学时, 学分), 校本研修(学时, 学分)');
  });

  it('writes a report that opens, listing every input and every skipped sheet in 汇总', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'report.xlsx'));
    const text: string[] = [];
    wb.getWorksheet('Summary')!.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
    const all = text.join('\n');
    for (const file of Object.keys(expected)) expect(all, file).toContain(file);
    expect(all).toContain('Skipped sheet: hidden sheet holding a form');
    expect(all).toContain('Skipped sheet: empty sheet');
  });
});

describe('cells that are hard on a reader', () => {
  it('a 50 000-character cell: audited, cut in messages, and the report keeps Excel\'s 32 767-character limit', async () => {
    const dir = workspace('bad');
    const r = await runCli(['check', 'bad/2025年度超长单元格.xlsx', '--format', 'json', '--out', 'r.xlsx'], dir);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    const bad = json.findings.find((f: any) => f.check === 'value-not-number');
    expect(bad.data.text).toHaveLength(50_000);
    expect(bad.message.length).toBeLessThan(300);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'r.xlsx'));
    let longest = 0;
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => (longest = Math.max(longest, String(c.value ?? '').length))));
    expect(longest).toBe(32_767);
  });

  it('header cells named __proto__, constructor and toString are only labels', async () => {
    const dir = workspace('bad');
    const r = await runCli(['check', 'bad/2025年度特殊表头.xlsx', '--format', 'json', '--no-out'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.summary).toMatchObject({ teachers: 3, complete: 3 });
    expect(json.inputs[0].sheets[0]).toMatchObject({ teachers: 3, rowsRead: 5 });
  });

  it('a header made only of __proto__, constructor and toString is reported as found, not looked up', async () => {
    const dir = workspace('bad');
    writeFileSync(path.join(dir, '2025年度原型.csv'), '__proto__,constructor,toString\n1,2,3\n');
    const r = await runCli(['check', '2025年度原型.csv', '--no-out'], dir);
    expect(r.code).toBe(2);
    expectNoStackTrace(r.stdout + r.stderr);
    expect(r.stdout).toContain('找到的表头：__proto__ | constructor | toString。');
  });
});
