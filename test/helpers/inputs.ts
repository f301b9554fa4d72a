import type { InputSetAside, InputSummary } from '../../src/model/types.js';

/** An input as the loader sums it up: one form sheet of `teachers` rows, nothing set aside unless given. */
export function input(file: string, extra: Partial<InputSummary> = {}, teachers = 5): InputSummary {
  return {
    file,
    sha256: `sha-${file}`,
    format: 'xlsx',
    year: 2023,
    yearSource: 'title',
    years: [2023],
    school: '思茅区第五小学',
    schoolSource: 'form',
    sheets: [{ sheet: 'Sheet1', shape: 'puer-2-2', rowsRead: teachers, records: teachers, teachers, skipped: { blank: [], total: [], footer: [], 'not-understood': [], 'not-recognised': [] }, headerRow: 4 }],
    ...extra,
  };
}

/** `of` with `parts` set aside (the engine's dedupe marks them so; checks only read them). */
export const setAside = (of: InputSummary, ...parts: InputSetAside[]): InputSummary => ({ ...of, setAside: parts });
