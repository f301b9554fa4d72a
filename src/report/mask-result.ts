import type { AuditResult, Finding } from '../model/types.js';
import { maskId, maskText } from './mask.js';

/** Keys of finding data that hold a 身份证号 as typed (it may be malformed, so no pattern finds it). */
const ID_KEYS = new Set(['id']);

/** The data with its 身份证号 masked; the same object when it quotes none (most findings). */
export function maskFindingData(data: Finding['data']): Finding['data'] {
  let out: Finding['data'] | null = null;
  for (const k in data) {
    const v = data[k]!;
    if (typeof v !== 'string') continue;
    const masked = ID_KEYS.has(k) ? maskId(v) : maskText(v);
    if (masked !== v) (out ??= { ...data })[k] = masked;
  }
  return out ?? data;
}

/**
 * `--mask-ids` (DESIGN.md: reports travel by e-mail): every 身份证号 of the result masked — the
 * teachers', the findings', those quoted in finding data and in 备注 — once, so the console, the
 * JSON and the Excel report cannot differ in what they show. In place: a masked copy held two of
 * every teacher and finding, 1.2 GB at a million teachers (issue 5), and nothing reads the
 * unmasked result afterwards. Masking is idempotent, so a teacher-year a cycle also holds may be
 * masked again there.
 */
export function maskResult(result: AuditResult): AuditResult {
  for (const { teacher: t } of result.teachers) {
    t.id = maskId(t.id);
    t.name = maskText(t.name);
    t.remarks = maskText(t.remarks);
    // The shared empty list stays shared (and frozen): only a teacher's own list is replaced.
    if (t.badValues.length) t.badValues = t.badValues.map((b) => ({ ...b, text: maskText(b.text) }));
  }
  for (const f of result.findings) {
    f.teacherId = maskId(f.teacherId);
    f.teacherName = maskText(f.teacherName);
    f.data = maskFindingData(f.data);
  }
  return result;
}
