import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import { mergedNumber } from '../../src/checks/merged-number.js';
import { NO_DRAFTS } from '../../src/checks/types.js';
import { puerTeacher } from '../helpers/teacher.js';

describe('merged-number (a value merged over several rows counts for each, and is said)', () => {
  it('reports each merged amount with its field, range and cell', () => {
    const ref = { file: 'f.xlsx', sheet: 'Sheet1', row: 7, cell: 'G7' };
    const t = puerTeacher([48, 24, 24, 24, 24, 24], { merged: [{ field: 'concentrated.hours', range: 'G6:G8', ref }] });
    expect(mergedNumber.check(t, {})).toEqual([{ messageId: 'mergedNumber', data: { field: 'concentrated.hours', range: 'G6:G8' }, ref }]);
  });
  it('reports nothing for a teacher without merged amounts', () => expect(mergedNumber.check(puerTeacher([24, 24, 24, 24, 24, 24]), {})).toBe(NO_DRAFTS));
  it('is a warning in both rule sets', () => {
    for (const id of ['puer', 'hangzhou']) {
      const rules = loadRules(path.join(BUILTIN_RULES_DIR, `${id}.yaml`));
      expect(rules.checks.find((c) => c.check.meta.id === 'merged-number')?.severity, id).toBe('warning');
    }
  });
});
