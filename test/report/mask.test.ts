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
