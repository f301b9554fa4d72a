import { z } from 'zod';
import { roundNoise } from '../model/amounts.js';
import { MEASURES, type CycleFigure, type CycleWindow, type Measure, type SourceRef, type TeacherCycle } from '../model/types.js';
import { CATEGORIES, LEVELS, categoryOf, isIt, levelOf, namesAny, type Category, type Level } from './support/vocabulary.js';
import type { CycleCheck, FindingDraft } from './types.js';

const amount = z.number().nonnegative();

/** One cell of a level × category table (上海虹口 表1: 区级 知识与技能 ≥ 10, 信息技术 ≥ 3 of them). */
const cell = z.strictObject({
  level: z.enum(LEVELS),
  category: z.enum(CATEGORIES),
  minimum: amount,
  /** Of the minimum, this much must be 信息技术应用能力 courses ("含信息技术…"). */
  it: amount.optional(),
});

/** A sum over some levels and categories, without offsets (表2: 区级 + 校本 ≥ 30; 表1: 师德与素养 ≥ 12). */
const group = z.strictObject({
  /** How the rule names the sum (the rule file's words, like its clauses). */
  label: z.string().min(1),
  levels: z.array(z.enum(LEVELS)).optional(),
  categories: z.array(z.enum(CATEGORIES)).optional(),
  minimum: amount,
});

const table = z.strictObject({
  /** 表1, 表2 …: named in every finding, so a teacher knows which table holds them. */
  name: z.string().min(1),
  /**
   * The schools held to this table (上海市教师专业发展学校, 表2), by name as the inputs give it;
   * absent: every school no table lists. An empty list holds no school (the seed names none).
   */
  schools: z.array(z.string().min(1)).optional(),
  cells: z.array(cell).min(1),
  groups: z.array(group).default([]),
});

const options = z.strictObject({
  measure: z.enum(MEASURES).default('credits'),
  /** A level counted as another before anything else (二(四)1: 国家级 counts as 市级). */
  countAs: z.partialRecord(z.enum(LEVELS), z.enum(LEVELS)).default({ national: 'city' }),
  /**
   * A surplus of `from` over its own cell covers a shortfall of `to` in the same category (二(四)2:
   * 市级 covers 区级, never the reverse). Only what is listed covers: nothing covers 校本, and
   * categories never cover each other (二(四)3). 信息技术 minimums are never covered: each is its own
   * course of the 提升工程 (通识 市级, 专业 区级, 实践应用 校本; 二(四)4).
   */
  offsets: z.array(z.strictObject({ from: z.enum(LEVELS), to: z.enum(LEVELS) })).default([]),
  tables: z.array(table).min(1),
  /**
   * Records of no matrix category whose category or project name holds one of these belong to
   * another rule (上海虹口 高级教师 自主研修: cycle-title-minimum) and are not reported as unread.
   */
  outside: z.array(z.string().min(1)).default([]),
  /**
   * Records that may fill what the offsets leave short in some cells, whatever their own category
   * (二(四)3: 高一层次学历进修 "可冲抵区级师德与素养、知识与技能两大类课程的学分"): records whose category
   * or project name holds one of `phrases` count in no cell of their own, and cover the remaining
   * shortfalls of `level` in `categories`, in that order. `label` names them in the finding.
   */
  fillers: z
    .array(
      z.strictObject({
        label: z.string().min(1),
        phrases: z.array(z.string().min(1)).min(1),
        level: z.enum(LEVELS),
        categories: z.array(z.enum(CATEGORIES)).min(1),
        /**
         * One such record fills every remaining shortfall of `level` in `categories`, whatever its
         * amount (二(四)6: 赴外省市支教 "凭证明材料，可冲抵区级培训全部学分"). Never a 信息技术 part.
         */
        whole: z.boolean().default(false),
      }),
    )
    .default([]),
  /**
   * Records placed by what they name, before their own 培训层次 / 课程类别 are read: the first entry
   * whose `phrases` occur in the category or project name gives the record's level, category and
   * whether it is 信息技术 (each absent: the record's own). 二(四)4: a 提升工程 module counts at its
   * own level and module (通识 → 市级 知识与技能); 二(四)5: a 区级 course a teacher gave counts as 区级;
   * 二(四)7: 梯队 研修 counts as 区级 知识与技能, never as 信息技术. `once`: records of one project name
   * count once (二(四)5 "同一门课程重复授课，只能冲抵一次学分"); the others count in no cell and are
   * said (`matrixRecordRepeated`).
   */
  placements: z
    .array(
      z.strictObject({
        label: z.string().min(1),
        phrases: z.array(z.string().min(1)).min(1),
        level: z.enum(LEVELS).optional(),
        category: z.enum(CATEGORIES).optional(),
        it: z.boolean().optional(),
        once: z.boolean().default(false),
      }),
    )
    .default([]),
});

type Options = z.infer<typeof options>;
type Table = Options['tables'][number];

/** The table a teacher is held to: the one listing the school of their latest year, else the one listing none. */
export function tableFor(c: TeacherCycle, o: Options): Table | undefined {
  return o.tables.find((t) => t.schools?.includes(c.school)) ?? o.tables.find((t) => t.schools === undefined);
}

/**
 * The table as this teacher owes it: a joiner (cycle.prorate; 上海虹口 二(二)2 "逐年递减") owes every
 * cell, 信息技术 part and sum in the share of the cycle they answer for, as the total (36 × 3/5 for
 * three years of five: 市级 师德 2 → 1.2). Everyone else owes the table as written.
 */
export function tableOwed(t: Table, c: TeacherCycle, window: CycleWindow): Table {
  const years = window.prorate ? c.liable.years : window.length;
  if (years >= window.length) return t;
  const owed = (n: number) => roundNoise((n * years) / window.length);
  return {
    ...t,
    cells: t.cells.map((x) => ({ ...x, minimum: owed(x.minimum), ...(x.it !== undefined ? { it: owed(x.it) } : {}) })),
    groups: t.groups.map((g) => ({ ...g, minimum: owed(g.minimum) })),
  };
}

interface Sums {
  /** Per filler of the options, what its records hold (Infinity for a `whole` filler with a record). */
  fill: number[];
  /** Records a `once` placement counted in no cell: the same project again, with the first's ref. */
  repeated: Array<{ label: string; project: string; ref: SourceRef }>;
  total: Map<string, number>;
  it: Map<string, number>;
  /** Records whose level or category is not one the rule knows: counted in no cell, and said. */
  unread: number;
  firstUnread: SourceRef | null;
  unreadLevels: string[];
}

const key = (level: Level, category: Category) => `${level}|${category}`;

export function sumCells(c: TeacherCycle, o: Options): Sums {
  const total = new Map<string, number>();
  const it = new Map<string, number>();
  const unreadLevels = new Set<string>();
  let unread = 0;
  let firstUnread: SourceRef | null = null;
  const fill = o.fillers.map(() => 0);
  const repeated: Sums['repeated'] = [];
  const seen = new Set<string>();
  records: for (const r of c.records) {
    for (let i = 0; i < o.fillers.length; i++) {
      if (namesAny(r, o.fillers[i]!.phrases)) {
        fill[i] = o.fillers[i]!.whole ? Infinity : roundNoise(fill[i]! + r[o.measure]);
        continue records;
      }
    }
    const placed = o.placements.find((p) => namesAny(r, p.phrases));
    if (placed?.once) {
      const k = `${placed.label}\u0000${r.project}`;
      if (seen.has(k)) {
        repeated.push({ label: placed.label, project: r.project, ref: r.ref });
        continue;
      }
      seen.add(k);
    }
    const read = placed?.level ?? levelOf(r.level);
    const category = placed?.category ?? categoryOf(r.category);
    if (!read || !category) {
      if (!category && o.outside.length && namesAny(r, o.outside)) continue;
      unread++;
      firstUnread ??= r.ref;
      unreadLevels.add(`${r.level || '—'}/${r.category || '—'}`);
      continue;
    }
    const level = o.countAs[read] ?? read;
    const k = key(level, category);
    total.set(k, roundNoise((total.get(k) ?? 0) + r[o.measure]));
    if (placed?.it ?? isIt(r)) it.set(k, roundNoise((it.get(k) ?? 0) + r[o.measure]));
  }
  return { fill, repeated, total, it, unread, firstUnread, unreadLevels: [...unreadLevels] };
}

interface CellState {
  level: Level;
  category: Category;
  minimum: number;
  measured: number;
  /** What the cell lacks of its own minimum, and what it has beyond it (before offsets). */
  short: number;
  surplus: number;
  /** What offsets covered of `short`, and from which level; then what fillers (学历进修) covered, and which. */
  covered: number;
  from: Level | '';
  filled: number;
  filler: string;
}

/**
 * The cells of a table after offsets: each `from` surplus covers the `to` shortfall of the same
 * category, in the order the offsets are listed; a level without a cell has its whole amount as surplus.
 */
export function settleCells(t: Table, sums: Sums, o: Options): CellState[] {
  const states = t.cells.map((c): CellState => {
    const measured = sums.total.get(key(c.level, c.category)) ?? 0;
    return {
      level: c.level,
      category: c.category,
      minimum: c.minimum,
      measured,
      short: roundNoise(Math.max(0, c.minimum - measured)),
      surplus: roundNoise(Math.max(0, measured - c.minimum)),
      covered: 0,
      from: '',
      filled: 0,
      filler: '',
    };
  });
  // Surplus of a level with no cell in a category: all it has (市级 实践体验 where 表1 asks none).
  const spare = new Map<string, number>();
  const surplusOf = (level: Level, category: Category) => {
    const s = states.find((x) => x.level === level && x.category === category);
    if (s) return { get: () => s.surplus, take: (n: number) => (s.surplus = roundNoise(s.surplus - n)) };
    const k = key(level, category);
    if (!spare.has(k)) spare.set(k, sums.total.get(k) ?? 0);
    return { get: () => spare.get(k)!, take: (n: number) => spare.set(k, roundNoise(spare.get(k)! - n)) };
  };
  for (const { from, to } of o.offsets) {
    for (const s of states) {
      if (s.level !== to || s.covered >= s.short) continue;
      const source = surplusOf(from, s.category);
      const n = roundNoise(Math.min(s.short - s.covered, source.get()));
      if (n <= 0) continue;
      source.take(n);
      s.covered = roundNoise(s.covered + n);
      s.from = from;
    }
  }
  // Then the fillers (学历进修), over what the offsets left short.
  o.fillers.forEach((f, i) => {
    let left = sums.fill[i]!;
    for (const category of f.categories) {
      const s = states.find((x) => x.level === f.level && x.category === category);
      const open = s ? roundNoise(s.short - s.covered - s.filled) : 0;
      if (!s || open <= 0 || left <= 0) continue;
      const n = roundNoise(Math.min(open, left));
      left = roundNoise(left - n);
      s.filled = roundNoise(s.filled + n);
      s.filler = s.filler ? `${s.filler}、${f.label}` : f.label;
    }
  });
  return states;
}

/**
 * 上海虹口 附件 二 表1 / 表2: every level × category cell of the teacher's table over the cycle, with
 * its 信息技术 part, after the offsets of 二(四); and the table's sums. Each shortfall says which cell,
 * by how much, and what an offset covered ("区级 知识与技能 还差 2 学分；市级 超出 1 学分已冲抵；仍差 1").
 * Needs per-record inputs with a level and a category; judged at the cycle's end.
 */
export const cycleMatrixMinimum: CycleCheck<Options> = {
  meta: {
    id: 'cycle-matrix-minimum',
    scope: 'cycle',
    title: { zh: '层级 × 类别学分矩阵下限', en: 'Level × category minimums' },
    // matrixCellCovered…: a cell's shortfall covered in full, said beside its figure (figures), not as a finding.
    messages: ['matrixCellBelow', 'matrixCellBelowCovered', 'matrixCellBelowFilled', 'matrixCellBelowCoveredFilled', 'matrixItBelow', 'matrixGroupBelow', 'matrixRecordsUnread', 'matrixRecordRepeated', 'matrixCellCovered', 'matrixCellFilled', 'matrixCellCoveredFilled'],
    options,
    makesIncomplete: true,
  },
  check(c, o, window) {
    if (!c.hasRecords) return [];
    const table = tableFor(c, o);
    if (!table) return [];
    const sums = sumCells(c, o);
    const out: FindingDraft[] = [];
    if (sums.unread > 0) {
      // Said, never dropped in silence (while the cycle runs too): the records count in the total but in no cell.
      out.push({ messageId: 'matrixRecordsUnread', data: { count: sums.unread, found: sums.unreadLevels.slice(0, 5).join('、') }, ref: sums.firstUnread ?? c.ref, column: 'status' });
    }
    for (const x of sums.repeated) {
      // At the repeat's own cell: the row to delete or to explain (二(四)5: counted once).
      out.push({ messageId: 'matrixRecordRepeated', data: { label: x.label, project: x.project }, ref: x.ref, column: 'status' });
    }
    if (!window.ended) return out;
    const measure: Measure = o.measure;
    const cycle = `${window.start}-${window.end}`;
    const t = tableOwed(table, c, window);
    const settled = settleCells(t, sums, o);
    for (const s of settled) {
      if (s.short === 0) continue;
      const remaining = roundNoise(s.short - s.covered - s.filled);
      if (remaining <= 0) continue;
      const shortfall = { measure, scope: 'total' as const, measured: roundNoise(s.measured + s.covered + s.filled), required: s.minimum, missing: remaining, part: [`level.${s.level}`, `category.${s.category}`] };
      const base = { table: t.name, level: `level.${s.level}`, category: `category.${s.category}`, measure, cycle, measured: s.measured, required: s.minimum, missing: s.short };
      const offset = s.covered > 0 ? { from: `level.${s.from}`, covered: s.covered } : null;
      const filled = s.filled > 0 ? { filler: s.filler, filled: s.filled } : null;
      const messageId = offset && filled ? 'matrixCellBelowCoveredFilled' : offset ? 'matrixCellBelowCovered' : filled ? 'matrixCellBelowFilled' : 'matrixCellBelow';
      out.push({ messageId, data: offset || filled ? { ...base, ...offset, ...filled, remaining } : base, ref: c.ref, shortfall });
    }
    for (const cellDef of t.cells) {
      if (!cellDef.it) continue;
      const measured = sums.it.get(key(cellDef.level, cellDef.category)) ?? 0;
      if (measured >= cellDef.it) continue;
      const missing = roundNoise(cellDef.it - measured);
      out.push({
        messageId: 'matrixItBelow',
        data: { table: t.name, level: `level.${cellDef.level}`, category: `category.${cellDef.category}`, measure, cycle, measured, required: cellDef.it, missing },
        ref: c.ref,
        shortfall: { measure, scope: 'total', measured, required: cellDef.it, missing, part: [`level.${cellDef.level}`, `category.${cellDef.category}`, 'part.it'] },
      });
    }
    for (const g of t.groups) {
      const measured = groupMeasured(g, sums, settled);
      if (measured >= g.minimum) continue;
      const missing = roundNoise(g.minimum - measured);
      out.push({
        messageId: 'matrixGroupBelow',
        data: { table: t.name, label: g.label, measure, cycle, measured, required: g.minimum, missing },
        ref: c.ref,
        shortfall: { measure, scope: 'total', measured, required: g.minimum, missing, part: [g.label] },
      });
    }
    return out;
  },
  figures(c, o, window) {
    if (!c.hasRecords) return [];
    const table = tableFor(c, o);
    if (!table) return [];
    // As check() asks it: a joiner's cells scaled (逐年递减, tableOwed).
    const t = tableOwed(table, c, window);
    const sums = sumCells(c, o);
    const settled = settleCells(t, sums, o);
    const measure: Measure = o.measure;
    const cycle = `${window.start}-${window.end}`;
    const out: CycleFigure[] = [];
    t.cells.forEach((cellDef, k) => {
      const s = settled[k]!;
      const part = [`level.${s.level}`, `category.${s.category}`];
      // Short of its own minimum and covered in full: no finding says so, the figure's note does.
      let covered: CycleFigure['covered'];
      if (s.short > 0 && roundNoise(s.short - s.covered - s.filled) <= 0) {
        const base = { table: t.name, level: part[0]!, category: part[1]!, measure, cycle, measured: s.measured, required: s.minimum, missing: s.short };
        const offset = s.covered > 0 ? { from: `level.${s.from}`, covered: s.covered } : null;
        const filled = s.filled > 0 ? { filler: s.filler, filled: s.filled } : null;
        covered = { messageId: offset && filled ? 'matrixCellCoveredFilled' : offset ? 'matrixCellCovered' : 'matrixCellFilled', data: { ...base, ...offset, ...filled } };
      }
      out.push({ part, measure, value: s.measured, required: s.minimum, ...(covered ? { covered } : {}) });
      if (cellDef.it) out.push({ part: [...part, 'part.it'], measure, value: sums.it.get(key(s.level, s.category)) ?? 0, required: cellDef.it });
    });
    for (const g of t.groups) out.push({ part: [g.label], measure, value: groupMeasured(g, sums, settled), required: g.minimum });
    return out;
  },
};

/** What counted toward a table's sum (表1: 师德与素养 ≥ 12): its cells' records, and what a filler (学历进修) stood in for in them. */
function groupMeasured(g: Table['groups'][number], sums: Sums, settled: CellState[]): number {
  let measured = 0;
  for (const [k, v] of sums.total) {
    const [level, category] = k.split('|') as [Level, Category];
    if ((!g.levels || g.levels.includes(level)) && (!g.categories || g.categories.includes(category))) measured = roundNoise(measured + v);
  }
  for (const s of settled) {
    if (s.filled > 0 && (!g.levels || g.levels.includes(s.level)) && (!g.categories || g.categories.includes(s.category))) measured = roundNoise(measured + s.filled);
  }
  return measured;
}
