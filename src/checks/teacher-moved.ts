import { z } from 'zod';
import type { CycleCheck, FindingDraft } from './types.js';

const options = z.strictObject({});

/** 学段 as 任教学段学科 names it ('' when it names none). */
export function stageOf(subject: string): string {
  const m = /幼儿园|学前|小学|初中|高中|中职|职高|中专|特教|特殊教育/.exec(subject);
  if (!m) return '';
  const s = m[0];
  return s === '学前' ? '幼儿园' : s === '职高' || s === '中专' ? '中职' : s === '特殊教育' ? '特教' : s;
}

/**
 * A teacher whose school changed within the cycle keeps their credits (普洱 细则 五(二), which
 * speaks of moves 市内同学段); the move is listed. A change of 学段 (小学 → 初中) is listed for
 * review too, since the clause does not cover it.
 */
export const teacherMoved: CycleCheck<z.infer<typeof options>> = {
  meta: {
    id: 'teacher-moved',
    scope: 'cycle',
    title: { zh: '周期内调动学校或学段', en: 'Moved school or stage in the cycle' },
    messages: ['teacherMoved', 'stageChanged'],
    options,
    makesIncomplete: false,
  },
  check(c) {
    const out: FindingDraft[] = c.moves.map((m) => ({ messageId: 'teacherMoved', data: { year: m.year, from: m.from, to: m.to }, ref: c.ref, column: 'moves' as const }));
    let last: { year: number; stage: string; subject: string } | null = null;
    for (const y of c.years) {
      const stage = stageOf(y.subject);
      if (!stage) continue;
      if (last && last.stage !== stage) out.push({ messageId: 'stageChanged', data: { year: y.year, from: last.subject, to: y.subject }, ref: y.ref, column: 'moves' });
      last = { year: y.year, stage, subject: y.subject };
    }
    return out;
  },
};
