/** `--mask-ids`: keep the first 6 (region) and last 4 characters of a 身份证号, mask the birth date. */
export function maskId(id: string): string {
  if (id.length <= 10) return id ? '*'.repeat(id.length) : id;
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
