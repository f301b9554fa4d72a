/**
 * 身份证号 (GB 11643-1999): 17 digits and a check character. Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2;
 * the weighted sum mod 11 indexes "10X98765432".
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdProblem = 'length' | 'characters' | 'check' | 'birth-date';

/** What is wrong with an 18-character ID, or null when it is valid. Expects upper-case X. */
export function idProblem(id: string): IdProblem | null {
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birth-date';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'check';
  return null;
}

/** The 17th digit is odd for men, even for women. */
export function idGender(id: string): '男' | '女' | null {
  if (!/^\d{17}/.test(id)) return null;
  return Number(id[16]) % 2 === 1 ? '男' : '女';
}
