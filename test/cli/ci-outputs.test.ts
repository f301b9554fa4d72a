import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { chineseName, idNumber, rng } from '../../scripts/fixture-kit.js';
import { run, type Io } from '../../src/cli/main.js';
import { JUNIT_LIST_LIMIT } from '../../src/report/ci-formats.js';
import { workspace } from '../e2e/helpers.js';

/** A full 身份证号 (18 characters); masked ones keep 6 + 4 around stars. */
const ID = /\d{17}[\dXx]/;

function memoryIo(cwd: string, env: Record<string, string> = {}): Io & { out: string; err: string } {
  const io = { out: '', err: '', isTTY: false, env, cwd, stdout: (s: string) => void (io.out += s), stderr: (s: string) => void (io.err += s) };
  return io;
}

async function check(cwd: string, args: string[], env: Record<string, string> = {}) {
  const io = memoryIo(cwd, env);
  const code = await run(['check', ...args], io);
  return { code, out: io.out, err: io.err };
}

/** A 附件2—2 return as CSV: `complete` teachers meeting every minimum, then `short` teachers with no 校本研修. */
function csvReturn(dir: string, complete: number, short: number, name = '2025年度思茅区第一中学.csv'): string {
  const r = rng(21);
  const lines = ['附件2—2', '2025年度普洱市中小学幼儿园教师全员培训学时学分申报表(试行)', '学校(盖章):思茅区第一中学,,,,,,,,,联系人及电话:'];
  lines.push('序号,姓名,性别,身份证号码,任教学段学科,职称,集中培训,,网络研修,,校本研修,,全年汇总,,备注', ',,,,,,学时,学分,学时,学分,学时,学分,总学时,总学分,');
  for (let i = 1; i <= complete + short; i++) {
    const gender = i % 2 ? '男' : '女';
    const figures = i <= complete ? '24,24,24,24,24,24,72,72' : '24,24,24,24,0,0,48,48';
    // Names by number: the generator's random names and ids could repeat in a thousand.
    lines.push(`${i},${chineseName(r)}${i},${gender},${idNumber(r, gender)},初中数学,一级教师,${figures},`);
  }
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return name;
}

describe('--output-file: the --format output to a file, the table on the console', () => {
  it('writes JUnit to the file and shows the table on stdout; nothing temporary is left', async () => {
    const dir = workspace('puer');
    const r = await check(dir, ['puer', '--format', 'junit', '--output-file', 'out/../junit.xml', '--no-out']);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('<?xml');
    expect(r.out).toContain('思茅区第一中学');
    const xml = readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('</testsuites>');
    expect(r.err).toContain('junit.xml');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('writes JSON the same as --format json prints (both masked by default)', async () => {
    const dir = workspace('puer');
    const toFile = await check(dir, ['puer', '--format', 'json', '--output-file', 'r.json', '--no-out']);
    const toStdout = await check(dir, ['puer', '--format', 'json', '--no-out']);
    const strip = (s: string) => s.replace(/"generatedAt": "[^"]+"/, '');
    expect(strip(readFileSync(path.join(dir, 'r.json'), 'utf8'))).toBe(strip(toStdout.out));
    expect(toFile.code).toBe(toStdout.code);
  });

  it('with --format table writes the table without colour', async () => {
    const dir = workspace('puer');
    const r = await check(dir, ['puer', '--output-file', 'table.txt', '--no-out'], { FORCE_COLOR: '1' });
    const text = readFileSync(path.join(dir, 'table.txt'), 'utf8');
    expect(text).toContain('思茅区第一中学');
    expect(text).not.toMatch(/\u001b\[/);
    expect(r.out).toMatch(/\u001b\[/);
  });

  it('refuses an input, the Excel report or a folder as the output file (exit 2, input untouched)', async () => {
    const dir = workspace('puer');
    const input = 'puer/2025年度澜沧县第一中学.csv';
    const before = readFileSync(path.join(dir, input));
    const a = await check(dir, ['puer', '--format', 'json', '--output-file', input, '--no-out']);
    expect(a.code).toBe(2);
    expect(a.err).toContain('--output-file');
    expect(readFileSync(path.join(dir, input))).toEqual(before);
    const b = await check(dir, ['puer', '--format', 'json', '--output-file', 'same.xlsx', '--out', 'same.xlsx']);
    expect(b.code).toBe(2);
    expect(b.err).toContain('--out');
    const c = await check(dir, ['puer', '--format', 'json', '--output-file', 'puer', '--no-out']);
    expect(c.code).toBe(2);
    expect(c.err).toContain('文件夹');
  });
});

describe('--quiet and --max-warnings (as in ESLint)', () => {
  it('--quiet lists errors only; the summary and the exit code are unchanged', async () => {
    const dir = workspace('puer');
    const all = await check(dir, ['puer', '--format', 'json', '--no-out']);
    const quiet = await check(dir, ['puer', '--format', 'json', '--no-out', '--quiet']);
    const a = JSON.parse(all.out);
    const q = JSON.parse(quiet.out);
    expect(a.findings.some((f: { severity: string }) => f.severity === 'warning')).toBe(true);
    expect(q.findings.length).toBeGreaterThan(0);
    expect(q.findings.every((f: { severity: string }) => f.severity === 'error')).toBe(true);
    expect(q.findings.length).toBe(a.findings.filter((f: { severity: string }) => f.severity === 'error').length);
    expect(q.summary).toEqual(a.summary);
    expect(quiet.code).toBe(all.code);
  });

  it('--max-warnings N: exit 1 above N warnings, 0 at N (with --fail-on never, which alone exits 0)', async () => {
    const dir = workspace('puer');
    const base = await check(dir, ['puer', '--format', 'json', '--no-out', '--fail-on', 'never']);
    expect(base.code).toBe(0);
    const warnings: number = JSON.parse(base.out).summary.findings.warning;
    expect(warnings).toBeGreaterThan(0);
    const at = await check(dir, ['puer', '--no-out', '--fail-on', 'never', '--max-warnings', String(warnings)]);
    expect(at.code).toBe(0);
    const above = await check(dir, ['puer', '--no-out', '--fail-on', 'never', '--max-warnings', String(warnings - 1)]);
    expect(above.code).toBe(1);
    expect(above.err).toContain(`--max-warnings ${warnings - 1}`);
    // --quiet hides the warnings, it does not stop them counting.
    expect((await check(dir, ['puer', '--no-out', '--fail-on', 'never', '--quiet', '--max-warnings', String(warnings - 1)])).code).toBe(1);
  });

  it('refuses --max-warnings that is not a whole number', async () => {
    const dir = workspace('puer');
    const r = await check(dir, ['puer', '--no-out', '--max-warnings', 'lots']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--max-warnings lots：应为 0 或正整数');
  });
});

describe('an unreadable file carries its readable message in every format', () => {
  it.each(['json', 'junit', 'github'] as const)('%s', async (format) => {
    const dir = workspace('puer');
    writeFileSync(path.join(dir, 'puer', '空.xlsx'), '');
    const r = await check(dir, ['puer', '--format', format, '--no-out', '--lang', 'en']);
    expect(r.code).toBe(2);
    const sentence = 'the file is empty (0 bytes)';
    if (format === 'json') {
      const input = JSON.parse(r.out).inputs.find((i: { file: string }) => i.file.endsWith('空.xlsx'));
      expect(input.error.messageId).toBe('input.empty');
      expect(input.error.message).toContain(sentence);
      expect(input.error.data.file).toContain('空.xlsx');
    } else if (format === 'junit') {
      expect(r.out).toMatch(new RegExp(`<error message="[^"]*${sentence.replace(/[()]/g, '\\$&')}[^"]*" type="input.empty"/>`));
      expect(r.out).toMatch(/<testsuites [^>]*errors="1"/);
    } else {
      expect(r.out).toMatch(new RegExp(`^::error file=puer/空\\.xlsx,title=credit-audit input\\.empty::.*${sentence.replace(/[()]/g, '\\$&')}`, 'm'));
    }
  });
});

describe('JUnit for CI dashboards', () => {
  const attr = (tag: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(tag)![1]);

  it('totals on <testsuites> add up the suites; time; exempt teachers skipped; each failure typed by its check', async () => {
    const dir = workspace('puer');
    const r = await check(dir, ['puer', '--format', 'junit', '--no-out']);
    const top = /<testsuites [^>]*>/.exec(r.out)![0];
    const suites = [...r.out.matchAll(/<testsuite [^>]*>/g)].map((m) => m[0]);
    for (const a of ['tests', 'failures', 'errors', 'skipped']) expect(attr(top, a)).toBe(suites.reduce((s, x) => s + attr(x, a), 0));
    expect(attr(top, 'time')).toBeGreaterThan(0);
    expect(attr(top, 'tests')).toBe((r.out.match(/<testcase /g) ?? []).length);
    // 43 teachers and 5 schools (fixtures/puer), each a case below the listing limit, and the
    // folder's 5 files that are not returns (its *.expected.json), each a skipped case (issue 21).
    expect(attr(top, 'tests')).toBe(43 + 5 + 5);
    expect(attr(top, 'skipped')).toBe(2 + 5);
    expect((r.out.match(/<skipped /g) ?? []).length).toBe(2 + 5);
    const failures = [...r.out.matchAll(/<failure [^>]*type="([^"]+)"/g)].map((m) => m[1]!);
    expect(failures.length).toBe(attr(top, 'failures'));
    for (const type of failures) for (const id of type.split(',')) expect(id).toMatch(/^[a-z]+(-[a-z]+)+$/);
    expect(failures).toContain('school-incomplete-share');
  });

  it(`lists every teacher up to ${JUNIT_LIST_LIMIT}; above, only those with a finding, the others counted in a property and one case`, async () => {
    const dir = workspace();
    const at = await check(dir, [csvReturn(dir, JUNIT_LIST_LIMIT - 1, 1), '--format', 'junit', '--no-out']);
    expect((at.out.match(/<testcase /g) ?? []).length).toBe(JUNIT_LIST_LIMIT + 1);
    expect(at.out).not.toContain('passing-teachers-not-listed');
    const above = await check(dir, [csvReturn(dir, JUNIT_LIST_LIMIT, 1, '2025年度思茅区第二中学.csv'), '--format', 'junit', '--no-out']);
    // The teacher short of 校本研修, the school, and the case standing for the 1 000 not listed.
    expect((above.out.match(/<testcase /g) ?? []).length).toBe(3);
    expect(above.out).toContain(`<property name="credit-audit.passing-teachers-not-listed" value="${JUNIT_LIST_LIMIT}"/>`);
    expect(above.out).toContain(`其余 ${JUNIT_LIST_LIMIT} 名教师没有问题`);
    expect(above.out).toMatch(/<testsuites [^>]*tests="3" failures="1"/);
  });
});

describe('身份证号 in CI outputs', () => {
  it.each(['json', 'junit', 'github'] as const)('%s masks them unless --show-ids; the table keeps them', async (format) => {
    const dir = workspace('identity');
    const masked = await check(dir, ['identity', '--format', format, '--no-out']);
    const shown = await check(dir, ['identity', '--format', format, '--no-out', '--show-ids']);
    expect(masked.out.length).toBeGreaterThan(100);
    expect(masked.out).not.toMatch(ID);
    expect(masked.out).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    expect(shown.out).toMatch(ID);
    const table = await check(dir, ['identity', '--output-file', `ci.${format}`, '--format', format, '--no-out']);
    expect(table.out).toMatch(ID);
    expect(readFileSync(path.join(dir, `ci.${format}`), 'utf8')).not.toMatch(ID);
  });

  it('--mask-ids masks the 身份证号 cells of the annotated copies too', async () => {
    const dir = workspace('identity');
    const ids = async (sub: string) => {
      const out: string[] = [];
      for (const f of readdirSync(path.join(dir, sub))) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(path.join(dir, sub, f));
        wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void (ID.test(String(c.value)) && out.push(String(c.value))))));
      }
      return out;
    };
    await check(dir, ['identity', '--annotate', 'plain', '--no-out']);
    expect((await ids('plain')).length).toBeGreaterThan(0);
    const r = await check(dir, ['identity', '--annotate', 'masked', '--no-out', '--mask-ids']);
    expect(readdirSync(path.join(dir, 'masked')).length).toBeGreaterThan(0);
    expect(r.err).not.toContain('internal');
    expect(await ids('masked')).toEqual([]);
  });
});

describe('one language: help and option errors', () => {
  const help = async (args: string[], env: Record<string, string> = {}) => {
    const io = memoryIo(process.cwd(), env);
    const code = await run(args, io);
    // Wrapped lines joined again: what a line holds depends on the width.
    return { code, text: io.out + io.err, joined: (io.out + io.err).replace(/\n +/g, '') };
  };

  it('--help is in Chinese by default, English with --lang en or LANG=en_US', async () => {
    const zh = await help(['check', '--help']);
    expect(zh.code).toBe(0);
    expect(zh.text).toContain('用法：');
    expect(zh.text).toContain('选项：');
    expect(zh.text).toContain('显示帮助');
    expect(zh.joined).toContain('（默认：puer）');
    // Columns line up by display width: each description starts in the same column.
    const starts = [...zh.text.matchAll(/^  (-\S.*?  +)\S/gm)].map((m) => stringWidth(m[1]!));
    expect(starts.length).toBeGreaterThan(10);
    expect(new Set(starts).size).toBe(1);
    // … in the command list too, whose terms hold Chinese ([选项], [命令]).
    const top = (await help(['--help'])).text;
    const commands = [...top.matchAll(/^  ((?:check|help) .*?  +)\S/gm)].map((m) => stringWidth(m[1]!));
    expect(commands).toHaveLength(2);
    expect(commands[0]).toBe(commands[1]);
    expect(zh.text).not.toMatch(/Usage:|Options:|display help|default:|Excel report to write/);
    for (const en of [await help(['check', '--help', '--lang', 'en']), await help(['check', '--help'], { LANG: 'en_US.UTF-8' })]) {
      expect(en.text).toContain('Usage:');
      expect(en.joined).toContain('Excel report to write');
      expect(en.text).not.toContain('用法');
    }
    // --lang wins over the environment.
    expect((await help(['--help', '--lang', 'zh'], { LC_ALL: 'en_GB.UTF-8' })).text).toContain('用法：');
  });

  it('no arguments: the help, and exit 2', async () => {
    const r = await help([]);
    expect(r.code).toBe(2);
    expect(r.text).toContain('用法：');
  });

  it.each([
    [['--year', '25'], '--year 25：应为四位年份', '--year 25: expected a year'],
    [['--jobs', '0'], '--jobs 0：应为同时读取的文件数', '--jobs 0: expected how many files'],
    [['--bogus'], '未知选项 --bogus', 'unknown option --bogus'],
    [['--format', 'xml'], '--format 的值“xml”无效。可选值：table, json, junit, github', '--format: "xml" is not allowed'],
    [['--mask-ids', '--show-ids'], '--mask-ids 与 --show-ids 不能同时使用', '--mask-ids and --show-ids cannot be used together'],
  ])('%j is refused in Chinese, and in English with LANG=en (exit 2)', async (args, zh, en) => {
    const dir = workspace('puer');
    const a = await check(dir, ['puer', '--no-out', ...args]);
    expect(a.code).toBe(2);
    expect(a.err).toContain(zh);
    const b = await check(dir, ['puer', '--no-out', ...args], { LANG: 'en_US.UTF-8' });
    expect(b.code).toBe(2);
    expect(b.err).toContain(en);
    expect(existsSync(path.join(dir, 'credit-audit-report.xlsx'))).toBe(false);
  });

  it('a rule-file error follows LANG too', async () => {
    const dir = workspace('puer');
    writeFileSync(path.join(dir, 'bad.yaml'), 'nonsense: [');
    const zh = await check(dir, ['puer', '--no-out', '--rules', 'bad.yaml']);
    expect(zh.err).toContain('规则文件不是有效的 YAML');
    const en = await check(dir, ['puer', '--no-out', '--rules', 'bad.yaml'], { LANG: 'en_US.UTF-8' });
    expect(en.err).toContain('the rule file is not valid YAML');
  });
});

describe('JUnit and GitHub output show years as the rule set labels them', () => {
  it('天津滨海 (year from 1 September): 2023—2024学年 in case names and annotations, the cycle as 学年至学年', async () => {
    const dir = workspace('binhai');
    const junit = await check(dir, ['binhai', '--rules', 'binhai', '--format', 'junit', '--no-out']);
    const names = [...junit.out.matchAll(/<testcase classname="[^"]+" name="([^"]+)"/g)].map((m) => m[1]!);
    // 潘毓枝 has a record on 2024-08-31 (school year 2023) and on 2024-09-01 (2024): two cases, labelled.
    expect(names.filter((n) => n.includes('潘毓枝'))).toEqual([expect.stringContaining(' 2023—2024学年 潘毓枝 '), expect.stringContaining(' 2024—2025学年 潘毓枝 ')]);
    expect(names.some((n) => / 20\d\d /.test(n))).toBe(false);
    const github = await check(dir, ['binhai', '--rules', 'binhai', '--format', 'github', '--no-out']);
    const pan = github.out.split('\n').filter((l) => l.includes('潘毓枝'));
    expect(pan).toEqual([expect.stringContaining('潘毓枝 120108********1935 2023—2024学年: 全年学时 50'), expect.stringContaining('潘毓枝 120108********1935 2024—2025学年: 全年学时 50')]);
    const en = await check(dir, ['binhai', '--rules', 'binhai', '--format', 'github', '--no-out', '--lang', 'en']);
    expect(en.out).toContain('120108********1935 school year 2024–2025: ');
    const cycle = await check(dir, ['binhai', '--rules', 'binhai', '--format', 'junit', '--no-out', '--cycle', '2021-2025', '--as-of', '2026']);
    expect(cycle.out).toContain('2021—2022学年至2025—2026学年 周期学分合计');
    expect(cycle.out).not.toMatch(/2021-2025 周期/);
    const cycleGithub = await check(dir, ['binhai', '--rules', 'binhai', '--format', 'github', '--no-out', '--cycle', '2021-2025', '--as-of', '2026']);
    // The sentence names the cycle: the annotation does not say it twice.
    expect(cycleGithub.out).toMatch(/于菁 120109\*{8}3606: 2021—2022学年至2025—2026学年 周期学分合计 10，/);
  });

  it('a rule set counting calendar years keeps the number (普洱: 2024)', async () => {
    const dir = workspace('puer');
    const junit = await check(dir, ['puer', '--format', 'junit', '--no-out']);
    expect(junit.out).toMatch(/name="景谷县永平镇中心小学 2024 [^"]+"/);
    expect(junit.out).not.toContain('学年');
    const github = await check(dir, ['puer', '--format', 'github', '--no-out']);
    expect(github.out).toMatch(/::黎敏婷 530823\*{8}3849 2024: 校本研修学时 12/);
  });
});
