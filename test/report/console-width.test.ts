import { readdirSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import path from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { renderConsole } from '../../src/report/console.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';

const DIR = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'fidelity', '05-missing-years-and-joiners');
const result = await audit({
  files: readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(DIR, f)),
  rules: loadRules(path.join(BUILTIN_RULES_DIR, 'puer.yaml')),
  yearOption: null,
  cycle: { start: 2021, end: 2025 },
  jobs: 1,
});

/** The lines of the tables (those drawn with box characters). */
const tableLines = (text: string) => text.split('\n').filter((l) => /^[┌│├└]/.test(l));

describe('the console fits its terminal (issue 20)', () => {
  it.each([
    ['zh', 80],
    ['en', 80],
    ['zh', 120],
    ['en', 120],
  ] as const)('%s at %i columns: no table line is wider', (lang, width) => {
    const text = renderConsole(result, { lang, color: false, maskIds: false, width });
    const lines = tableLines(text);
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(width);
  });

  it('keeps the place as the file\'s short name and the cell, and ranks the flagged school first', () => {
    const text = renderConsole(result, { lang: 'zh', color: false, maskIds: false, width: 80 });
    const findings = text.slice(text.indexOf('主要问题'));
    expect(findings).toMatch(/…[^│]*\.xlsx!B\d+/);
    // The first finding listed is the flagged school's (1 of 5 in 2025), before any teacher's.
    const firstRow = tableLines(findings)[3]!;
    expect(firstRow).toContain('错误');
    expect(findings.indexOf('学校被标记')).toBeLessThan(findings.indexOf('周期缺少'));
  });

  it('shows a whole header at 80 and 120 columns: 级别 / Severity, no "…" in a head', () => {
    for (const width of [80, 120]) {
      expect(renderConsole(result, { lang: 'zh', color: false, maskIds: false, width })).toContain('级别');
      const en = renderConsole(result, { lang: 'en', color: false, maskIds: false, width });
      expect(en).toContain('Severity');
      expect(en).not.toContain('Sever…');
    }
  });
});

describe('a cycle audit leads with the cycle (issue 20, item 4)', () => {
  it('prints the cycle line and its schools before the yearly schools', () => {
    const text = renderConsole(result, { lang: 'zh', color: false, maskIds: false, width: 100 });
    expect(text.indexOf('周期 2021-2025')).toBeGreaterThan(-1);
    expect(text.indexOf('周期 2021-2025')).toBeLessThan(text.indexOf('学校（按未完成比例排序）'));
  });
});

describe('a cycle audit at 80 columns (上海虹口, its flag a warning)', () => {
  const HK = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'regions', '10-hongkou-matrix');
  const audited = audit({
    files: readdirSync(HK).filter((f) => f.endsWith('.csv')).map((f) => path.join(HK, f)),
    rules: loadRules(path.join(BUILTIN_RULES_DIR, 'hongkou.yaml')),
    yearOption: null,
    cycle: { start: 2016, end: 2020 },
    asOf: 2020,
    jobs: 1,
  });

  it('ranks the school flagged on the cycle first among the top findings, though its severity is a warning', async () => {
    const text = renderConsole(await audited, { lang: 'zh', color: false, maskIds: false, width: 80 });
    const findings = text.slice(text.indexOf('主要问题'));
    const firstRow = tableLines(findings).slice(3, 7).join('\n');
    expect(firstRow).toContain('警告');
    expect(firstRow).toContain('2016-2020 周期内');
    // The errors follow it.
    expect(findings.indexOf('学校在周期上被标记')).toBeLessThan(findings.indexOf('错误'));
  });

  it("leaves out an indicator no input gives, so the cycle's school headers stay whole words (未完成, not 未完/成)", async () => {
    const text = renderConsole(await audited, { lang: 'zh', color: false, maskIds: false, width: 80 });
    const table = text.slice(text.indexOf('学校（周期）'), text.indexOf('周期教师'));
    expect(table).not.toContain('集中培训');
    expect(table).not.toContain('自主选课率');
    for (const word of ['参与考核', '未完成', '落后进度', '总体完成率', '标记']) expect(table).toContain(word);
    for (const l of tableLines(table)) expect(stringWidth(l)).toBeLessThanOrEqual(80);
  });
});

describe('the cycle\'s school table of a platform export (杭州, all three indicators)', () => {
  const hz = audit({
    files: [path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'hangzhou', '杭州市直属学校学分明细-2022-2025.xlsx')],
    rules: loadRules(path.join(BUILTIN_RULES_DIR, 'hangzhou.yaml')),
    yearOption: null,
    cycle: null,
    jobs: 1,
  });
  const cycleTable = (text: string, title: string) => text.slice(text.indexOf(title), text.indexOf('\n', text.lastIndexOf('└', text.indexOf(title) + 2000)));

  it('keeps every English header word whole at 100 columns, breaking Self-selected after its hyphen', async () => {
    const table = cycleTable(renderConsole(await hz, { lang: 'en', color: false, maskIds: false, width: 100 }), 'Schools (cycle)');
    for (const word of ['Audited', 'Incomplete', 'Behind', 'Overall', 'completion', 'Concentrated', 'Self-', 'selected', 'share', 'Flagged']) expect(table).toContain(word);
    for (const l of tableLines(table)) expect(stringWidth(l)).toBeLessThanOrEqual(100);
  });

  it('wraps a school\'s name over two lines rather than cut it, at 80 columns', async () => {
    const table = cycleTable(renderConsole(await hz, { lang: 'en', color: false, maskIds: false, width: 80 }), 'Schools (cycle)');
    expect(table).not.toContain('…');
    // 杭州市文三街小学 in two lines of the first column, each line's two halves in order.
    const firsts = tableLines(table).map((l) => l.split('│')[1]?.trim() ?? '');
    const at = firsts.findIndex((x) => '杭州市文三街小学'.startsWith(x) && x.length > 1 && x !== '杭州市文三街小学');
    expect(at).toBeGreaterThan(-1);
    expect(firsts[at]! + firsts[at + 1]!).toBe('杭州市文三街小学');
    for (const l of tableLines(table)) expect(stringWidth(l)).toBeLessThanOrEqual(80);
  });

  it('keeps a Chinese header of the cycle table in even lines (集中培训 / 完成率) at 100 columns', async () => {
    const table = cycleTable(renderConsole(await hz, { lang: 'zh', color: false, maskIds: false, width: 100 }), '学校（周期）');
    expect(table).toContain('集中培训');
    expect(table).toContain('完成率');
    expect(table).not.toMatch(/集中培训完成\s/);
  });
});

describe('colour changes nothing but the colour', () => {
  it('shows the same text with colour as without, a flagged school\'s red row included', async () => {
    for (const width of [80, 120]) {
      const coloured = renderConsole(result, { lang: 'zh', color: true, maskIds: false, width });
      expect(coloured).toMatch(/\u001b\[31m/);
      expect(stripVTControlCharacters(coloured)).toBe(renderConsole(result, { lang: 'zh', color: false, maskIds: false, width }));
    }
  });

  it("shows a flagged school's row with its own figures, as an unflagged one's", () => {
    const text = renderConsole(result, { lang: 'zh', color: true, maskIds: false, width: 120 });
    const cells = tableLines(stripVTControlCharacters(text)).map((l) => l.split('│').slice(1, -1).map((x) => x.trim()));
    const flagged = result.schools.filter((x) => x.flagged);
    expect(flagged.length).toBeGreaterThan(0);
    for (const x of flagged) {
      expect(cells, x.name).toContainEqual([x.name, String(x.year), String(x.teachers), String(x.incomplete), String(x.exempt), `${(x.share * 100).toFixed(1)}%`, '是']);
    }
  });
});
