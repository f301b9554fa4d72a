/**
 * Phrase matching for exemptions and excluded records (REGULATIONS.md puer "Roles", hangzhou
 * "Probation"): a 新任教师 is recognised by whole phrases, never by a substring. A phrase does not
 * count where the text around it makes it about someone else or something else: 新教师指导教师 and
 * 新教师导师 are mentors, 非新教师 says the opposite, 心理健康教育C证上岗培训 is a certificate course.
 */
export interface PhraseRule {
  phrases: readonly string[];
  /** Text that, standing right before a phrase, voids it (非, 不是, C证 …). */
  exceptAfter: readonly string[];
  /** Text that, standing right after a phrase, voids it (导师, 指导, 培训者 …). */
  exceptBefore: readonly string[];
}

/** The first phrase that stands in `text` as itself, or null. Every occurrence is tried. */
export function matchPhrase(text: string, rule: PhraseRule): string | null {
  if (!text) return null;
  for (const phrase of rule.phrases) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      const before = text.slice(0, at);
      const after = text.slice(at + phrase.length);
      if (rule.exceptAfter.some((x) => before.endsWith(x))) continue;
      if (rule.exceptBefore.some((x) => after.startsWith(x))) continue;
      return phrase;
    }
  }
  return null;
}
