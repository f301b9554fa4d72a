import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { audit } from '../../src/engine/audit.js';
import { reportSheets } from '../../src/report/report-content.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';

const DIR = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'puer');

describe('问题清单 for review (issue 20, item 3)', () => {
  it('leads with the link, names the check by its title and the file by its name, keeps the id last; a school finding points at 学校, not at A1', async () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(DIR, f));
    const result = await audit({ files, rules: loadRules(path.join(BUILTIN_RULES_DIR, 'puer.yaml')), yearOption: null, jobs: 1 });
    const sheet = reportSheets(result, { lang: 'zh', maskIds: false }).find((s) => s.name === '问题清单')!;
    const rows = [...sheet.rows()];
    const head = rows[0]!.map((c) => c!.v);
    expect(head[0]).toBe('定位');
    expect(head.at(-1)).toBe('检查编号');
    const col = (name: string) => head.indexOf(name);
    for (const [i, r] of rows.slice(1).entries()) {
      const f = result.findings[i]!;
      expect(r[col('检查项')]!.v).toBe(CHECKS[f.check]!.meta.title.zh);
      expect(r.at(-1)!.v).toBe(f.check);
      expect(String(r[col('文件')]!.v ?? '')).not.toMatch(/[\\/]/);
    }
    const school = rows.slice(1).find((r) => r.at(-1)!.v === 'school-incomplete-share')!;
    expect(school[0]!.link).toMatch(/^'学校'!A\d+$/);
    expect(school[col('单元格')]!.v).toBe('');
    const teacher = rows.slice(1).find((r) => r.at(-1)!.v === 'annual-mode-minimum')!;
    expect(teacher[0]!.link).toMatch(/^'教师'!A\d+$/);
    expect(String(teacher[col('单元格')]!.v)).toMatch(/^[A-Z]+\d+$/);
  });
});
