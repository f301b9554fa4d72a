import fc from 'fast-check';
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

  it('fills any template as a replace over its placeholders does (the template is cut once, then reused)', () => {
    // The reference: what fill did before it cut templates once.
    const reference = (template: string, data: Record<string, string | number>) =>
      template.replace(/\{(\w+)(:term)?\}/g, (_, key: string, asTerm?: string) => {
        const v = Object.hasOwn(data, key) ? data[key] : undefined;
        if (v === undefined) return `{${key}}`;
        return asTerm ? term('zh', String(v)) : String(v);
      });
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('{a}', '{b:term}', '{mode:term}', '{a', 'b}', '{}', '{:term}', '{a:terms}', '{{a}}', '$&', '$1'),
    );
    const value = fc.oneof(fc.string(), fc.integer(), fc.constantFrom('online', 'hours', 'error', '$&', '{a}'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.dictionary(fc.constantFrom('a', 'b', 'mode', 'c'), value), (pieces, data) => {
        const template = pieces.join('');
        // Twice: the second time the template is already cut.
        expect(fill('zh', template, data)).toBe(reference(template, data));
        expect(fill('zh', template, data)).toBe(reference(template, data));
      }),
      { numRuns: 500 },
    );
  });
});

