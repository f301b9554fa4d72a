import { describe, expect, it } from 'vitest';
import { maskId, maskText } from '../../src/report/mask.js';

describe('--mask-ids: keep the first 6 and last 4 characters', () => {
  it('masks an 18-character 身份证号 and an old 15-digit one', () => {
    expect(maskId('11010519491231002X')).toBe('110105********002X');
    expect(maskId('530802800101001')).toBe('530802*****1001');
  });
  it('masks every 身份证号 inside a text, and nothing else', () => {
    expect(maskText('原号码 11010519491231002x，电话 13812345678，另 530802800101001')).toBe('原号码 110105********002x，电话 13812345678，另 530802*****1001');
    expect(maskText('1234567890123456789')).toBe('1234567890123456789');
  });
  it('is idempotent: a masked result masked again is unchanged', () => expect(maskText(maskId('11010519491231002X'))).toBe('110105********002X'));
});

describe('maskResult: the result masked in place, once, for every output', () => {
  it('masks teachers\' and findings\' 身份证号 and those quoted in data, and masking again changes nothing', async () => {
    const { audit } = await import('../../src/engine/audit.js');
    const { maskResult } = await import('../../src/report/mask-result.js');
    const { puerRules } = await import('../helpers/teacher.js');
    const path = await import('node:path');
    const dir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'identity');
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(dir).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, f));
    const result = await audit({ files, rules: puerRules(), yearOption: null });
    const FULL_ID = /(?<!\d)\d{17}[\dXx](?!\d)/;
    const texts = () => JSON.stringify([result.teachers.map((t) => [t.teacher.id, t.teacher.name, t.teacher.remarks, t.teacher.badValues]), result.findings.map((f) => [f.teacherId, f.teacherName, f.data])]);
    expect(texts()).toMatch(FULL_ID);
    const teachersBefore = result.teachers.length;
    expect(maskResult(result)).toBe(result);
    const once = texts();
    expect(once).not.toMatch(FULL_ID);
    expect(result.teachers.length).toBe(teachersBefore);
    maskResult(result);
    expect(texts()).toBe(once);
  });
});
