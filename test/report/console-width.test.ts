import { readdirSync } from 'node:fs';
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
