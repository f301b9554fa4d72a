import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { columnPixels, LEAST_FIT_SCALE, pageFit, PAGE_MARGINS, PRINTABLE_PIXELS } from '../../src/report/page-layout.js';
import { cell, wrappedLines, wrappedRowHeight } from '../../src/report/sheets.js';

describe('a printed page (issue 20, item 5)', () => {
  it("counts a column's width in pixels as Excel does: 7 a digit of Calibri 11, padding included", () => {
    expect(columnPixels(10)).toBe(70);
    expect(columnPixels(8.43)).toBe(59);
    expect(columnPixels(26)).toBe(182);
    expect(columnPixels(70)).toBe(490);
  });

  it('has A4 landscape less the narrow margins to fill: 11.19 inches, 1 074 pixels at 96 dpi', () => {
    expect(PAGE_MARGINS.left + PAGE_MARGINS.right).toBe(0.5);
    expect(PRINTABLE_PIXELS).toBe(1074);
  });

  it('fits a sheet to one page width at 60 % or more, and not below', () => {
    // 25 columns of 70 pixels: 1 750, a scale of 61 %; 26: 1 820, 59 %.
    expect(pageFit(Array(25).fill(10))).toEqual({ fitToWidth: true, scale: 1074 / 1750 });
    expect(pageFit(Array(26).fill(10))).toEqual({ fitToWidth: false, scale: 1 });
    // A sheet narrower than the page prints as it is.
    expect(pageFit([20, 30])).toEqual({ fitToWidth: true, scale: 1 });
    expect(pageFit(Array(25).fill(10)).scale).toBeGreaterThanOrEqual(LEAST_FIT_SCALE);
  });

  it('counts columns past the widths given at Excel default width', () => {
    // 24 × 70 = 1 680; two more of 59: 1 798, past 1 790.
    expect(pageFit(Array(24).fill(10), 25).fitToWidth).toBe(true);
    expect(pageFit(Array(24).fill(10), 26).fitToWidth).toBe(false);
  });
});

describe('a data row with wrapped text', () => {
  it('is as tall as its longest wrapped cell, 15 points a line; cells not marked wrap do not count', () => {
    expect(wrappedRowHeight([cell('学'.repeat(40), { wrap: true })], [9])).toBe(150);
    expect(wrappedRowHeight([cell('学'.repeat(40)), cell('短', { wrap: true })], [9, 9])).toBeUndefined();
    expect(wrappedRowHeight([cell('学'.repeat(4), { wrap: true }), cell('学'.repeat(5), { wrap: true })], [9, 9])).toBe(30);
    expect(wrappedRowHeight([cell(123456789012, { wrap: true })], [5])).toBeUndefined();
  });

  it("stops at Excel's highest row, 409 points: 27 lines", () => {
    expect(wrappedRowHeight([cell('学'.repeat(4 * 27), { wrap: true })], [9])).toBe(405);
    expect(wrappedRowHeight([cell('学'.repeat(4 * 28), { wrap: true })], [9])).toBe(405);
  });

  it('counts lines as string-width measures each word, character by character for speed, and whole for text beyond the BMP', () => {
    // The measure by tokens and string-width, as wrappedLines was first written (with line breaks).
    const reference = (text: string, columnWidth: number): number => {
      const room = Math.max(1, columnWidth - 1);
      let lines = 1;
      let used = 0;
      for (const token of text.match(/\s+|[\u2e80-\uffef]|[^\s\u2e80-\uffef]+/gu) ?? []) {
        let w = stringWidth(token);
        if (/^\s/.test(token)) {
          for (const ch of token) [lines, used] = ch === '\n' ? [lines + 1, 0] : [lines, used + stringWidth(ch)];
          continue;
        }
        if (used + w <= room) {
          used += w;
          continue;
        }
        if (used > 0) lines++;
        for (; w > room; w -= room) lines++;
        used = w;
      }
      return lines;
    };
    // Full-width punctuation breaks anywhere, as a Chinese character: "ab，cd" is not one word.
    expect(wrappedLines('x ab，cd', 6)).toBe(2);
    expect(reference('x ab，cd', 6)).toBe(2);
    const pieces = ['校本研修', '学时', ' ', '24', '，', '（各模式不能相互冲抵）', 'annual-mode-minimum', 'Café', '\n', '\u3000', '—', 'ｱ', '😀', '𠮷', '\u0301', 'x'.repeat(30)];
    // A fixed walk through the pieces (no randomness): every text of up to 8 pieces the walk gives.
    let seed = 7;
    for (let k = 0; k < 2000; k++) {
      let text = '';
      const count = (k % 8) + 1;
      for (let p = 0; p < count; p++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += pieces[seed % pieces.length];
      }
      for (const width of [3, 9, 22, 48]) expect(wrappedLines(text, width), `${JSON.stringify(text)} in ${width}`).toBe(reference(text, width));
    }
  });

  it('starts a line at each line break of the text', () => {
    expect(wrappedLines('一\n二', 9)).toBe(2);
    expect(wrappedLines('一\n\n二', 9)).toBe(3);
    expect(wrappedLines('集中培训\n集中培训学', 9)).toBe(3);
  });
});
