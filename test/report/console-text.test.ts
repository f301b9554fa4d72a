import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { run, type Io } from '../../src/cli/main.js';
import { renderGithub } from '../../src/report/ci-formats.js';
import { puerRules } from '../helpers/teacher.js';
import { consoleText, controlsRemoved } from '../../src/report/console-text.js';
import { scratchDir } from '../helpers/scratch.js';

/** Any character a terminal acts on rather than shows (C0 but LF between lines, DEL, C1, bidi overrides). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('console text', () => {
  it('removes escape sequences whole: CSI (colour, clear screen), OSC (window title), and ESC with one character', () => {
    expect(consoleText('思茅区\u001b[31m第一中学\u001b[0m')).toBe('思茅区第一中学');
    expect(consoleText('a\u001b[2Jb\u001b[1;31;4mc')).toBe('abc');
    expect(consoleText('a\u001b]0;pwned\u0007b')).toBe('ab');
    expect(consoleText('a\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\b')).toBe('alinkb');
    expect(consoleText('a\u001bcb')).toBe('ab');
    // An escape at the very end, or one cut short, leaves nothing of itself.
    expect(consoleText('ab\u001b')).toBe('ab');
    expect(consoleText('ab\u001b[')).toBe('ab');
  });

  it('turns a line break or a tab inside a field into a space, CRLF into one space', () => {
    expect(consoleText('张\r\n三')).toBe('张 三');
    expect(consoleText('张\n三\r四\t五\u2028六\u0085七')).toBe('张 三 四 五 六 七');
  });

  it('removes NUL, the other C0 controls, DEL, the C1 controls and the bidirectional overrides', () => {
    expect(consoleText('a\u0000b\u0007c\u0008d\u007fe\u009b2Jf\u0090g')).toBe('abcde2Jfg');
    expect(consoleText('abc\u202edcba\u2066x\u2069')).toBe('abcdcbax');
  });

  it('leaves text with none of them as it is (the same string: no copy)', () => {
    const s = '2025年度思茅区第一中学 (思茅区) — 张三 ① ½ é';
    expect(consoleText(s)).toBe(s);
    expect(consoleText('')).toBe('');
  });

  it('for GitHub\'s workflow commands, keeps CR and LF (escaped there) and removes the rest', () => {
    expect(controlsRemoved('a\r\nb\u001b[31mc\u0000d\te')).toBe('a\r\nbcd e');
  });
});

/**
 * A school's line holding escape sequences, BEL, a C1 CSI and a right-to-left override, file
 * names holding escapes, one of them a return that cannot be read (its message goes to stderr): none of them reaches the console raw, and the JSON keeps the school's text exactly.
 */
describe('the CLI, with control characters in a school\'s name, a file name and a header (issue 18)', () => {
  const school = '思茅区\u001b[31m第一\u009b2J\u202e中学\u001b]0;pwned\u0007';
  function returns(): string {
    const dir = scratchDir();
    mkdirSync(path.join(dir, 'returns'));
    const lines = ['附件2—2', '2025年度普洱市中小学幼儿园教师全员培训学时学分申报表(试行)', `学校(盖章):${school},,,,,,,,,联系人及电话:`];
    lines.push('序号,姓名,性别,身份证号码,任教学段学科,职称,集中培训,,网络研修,,校本研修,,全年汇总,,备注', ',,,,,,学时,学分,学时,学分,学时,学分,总学时,总学分,');
    lines.push('1,张三,男,530802198001010011,初中数学,一级教师,2,2,2,2,2,2,6,6,');
    lines.push('2,李四,女,530802198001010020,初中数学,一级教师,24,24,24,24,24,24,72,72,');
    writeFileSync(path.join(dir, 'returns', '2025年度思茅区\u001b[7m第一中学.csv'), lines.join('\n') + '\n');
    writeFileSync(path.join(dir, 'returns', '2025年度其他\u001b]0;title\u0007.csv'), '名单,备注\n1,2\n');
    return dir;
  }
  async function check(dir: string, format: string) {
    const out = { stdout: '', stderr: '' };
    const io: Io = { stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s), isTTY: false, env: {}, cwd: dir };
    const code = await run(['check', 'returns', '--no-out', '--format', format], io);
    return { code, ...out };
  }

  it('table and stderr: no escape, BEL, C1 or override, and each line is a line', async () => {
    const dir = returns();
    const r = await check(dir, 'table');
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('思茅区第一2J中学');
    expect(r.stdout).toContain('returns/2025年度思茅区第一中学.csv');
    // The unreadable return's message (on stdout in the table format) names it without its escape.
    expect(r.stdout).toContain('returns/2025年度其他.csv');
    const json = await check(dir, 'json');
    // In the other formats that message goes to stderr.
    expect(json.stderr).toContain('returns/2025年度其他.csv');
    expect(json.stderr).not.toMatch(RAW_CONTROL);
    expect(json.stderr.trimEnd().split('\n').every((l) => l.startsWith('credit-audit: '))).toBe(true);
  });

  it('JSON keeps the exact text (JSON escapes it)', async () => {
    const r = await check(returns(), 'json');
    // JSON escapes every C0 control (ESC as \u001b); line breaks are the JSON's own.
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const result = JSON.parse(r.stdout);
    expect(result.schools.map((s: { name: string }) => s.name)).toContain(school);
  });

  it('GitHub annotations: a line break cannot end one and start a command; no escapes reach the log', async () => {
    const dir = returns();
    const result = await audit({ files: [path.join(dir, 'returns', '2025年度思茅区\u001b[7m第一中学.csv')], rules: puerRules(), yearOption: null });
    // Names as a reader that kept them whole would give them: a line break and a forged command.
    for (const f of result.findings) {
      f.school = '思茅区\r\n::error file=x::forged%0A第一中学';
      if (f.teacherName) f.teacherName = '张\n::warning::三\u001b[2J';
    }
    const text = renderGithub(result, { lang: 'zh', maskIds: false });
    expect(text).not.toMatch(RAW_CONTROL);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(result.findings.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=/);
    expect(text).not.toMatch(/^::(error file=x|warning)::/m);
    // The breaks and the percent sign are escaped as GitHub's toolkit (@actions/core) escapes them.
    expect(text).toContain('思茅区%0D%0A::error file=x::forged%250A第一中学');
    expect(text).toContain('张%0A::warning::三 ');
  });

  it('JUnit: no character XML cannot hold', async () => {
    const r = await check(returns(), 'junit');
    expect(r.stdout).toContain('<testsuites');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});
