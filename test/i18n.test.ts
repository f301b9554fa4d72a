import { describe, expect, it } from 'vitest';
import { errorMessage, fill, MAX_VALUE_CHARS, message, t, term } from '../src/i18n/index.js';

describe('i18n with values read from files', () => {
  it('a value named like an Object property is a value, not a lookup', () => {
    expect(term('zh', '__proto__')).toBe('__proto__');
    expect(term('en', 'constructor')).toBe('constructor');
    expect(fill('zh', '{field:term}', { field: 'toString' })).toBe('toString');
    expect(fill('zh', '[{constructor}]', {})).toBe('[{constructor}]');
    expect(t('zh', 'messages', '__proto__')).toBe('messages.__proto__ {}');
  });

  it(`a finding shows at most ${MAX_VALUE_CHARS} characters of a value read from a file`, () => {
    const at = 'x'.repeat(MAX_VALUE_CHARS);
    expect(message('zh', 'notANumber', { field: 'online.hours', text: at })).toContain(`“${at}”`);
    const long = message('zh', 'notANumber', { field: 'online.hours', text: at + 'y' });
    expect(long).toContain(`“${at}…”`);
    expect(long).not.toContain('y');
  });

  it('never cuts a file path, which the person typed', () => {
    const file = `${'很长的文件夹/'.repeat(60)}申报表.xlsx`;
    expect(errorMessage('zh', 'input.empty', { file })).toContain(file);
  });

  it('leaves the report\'s own text (row lists, totals) whole', () => {
    const skipped = Array.from({ length: 300 }, (_, i) => i * 2).join(', ');
    expect(t('zh', 'ui', 'inputLine', { file: 'a', rowsRead: 1, teachers: 1, skippedCount: 0, skipped })).toContain(skipped);
  });
});
