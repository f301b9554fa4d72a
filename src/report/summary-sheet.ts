import path from 'node:path';
import stringWidth from 'string-width';
import { CHECKS } from '../checks/index.js';
import { errorMessage, t, term } from '../i18n/index.js';
import { SEVERITIES, type SchoolResult, type Severity } from '../model/types.js';
import { BUILTIN_RULES_DIR } from '../rules/rules.js';
import type { ReportContext } from './report-context.js';
import type { Parts } from './sheet-parts.js';
import { countsTeacherYears, distinctTeachers } from './counts.js';
import { skippedText } from './rows.js';
import { readAs } from './read-as.js';
import { cyclePeriodOf } from './schools-sheet.js';
import { skippedSheetText } from './skipped-sheets.js';
import { cell, FILL, type ReportCell, type ReportSheet } from './sheets.js';

/**
 * 汇总's first column: its labels, then each input's path. Excel measures a column in widths of
 * the digit 0, and a Chinese character takes two: a district's paths
 * (`returns/2025年度墨江县第二小学-数据问题.xlsx`, ~44) were cut at 22 by the SHA-256 beside them.
 * At most 80, so one deep path does not push the rest of the sheet off the screen.
 */
export function fileColumnWidth(files: readonly string[]): number {
  let widest = 0;
  for (const f of files) widest = Math.max(widest, stringWidth(f));
  return Math.min(80, Math.max(22, widest + 2));
}

/** What 汇总 says besides the result: how 教师 was listed and noted, which sheets were split, where each school's row is. */
export interface SummaryNotes {
  listAll: boolean;
  listed: number;
  limit: number;
  notes: boolean;
  teacherFindings: number;
  noteLimit: number;
  split: Parts[];
  /** The row on 学校 of a school in a period (a year, or the cycle's `start-end`). */
  schoolRow(school: string, period: string | number | null): number | undefined;
}

/**
 * When the run was, as the officer's clock reads it: the local time of the process (TZ respected)
 * with its offset, `2026-12-06 12:24:05 (UTC+08:00)`. The JSON keeps the ISO instant.
 */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const zone = `UTC${offset < 0 ? '-' : '+'}${p(Math.floor(Math.abs(offset) / 60))}:${p(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} (${zone})`;
}

/** A command line as a shell takes it back: an argument with a space or a shell's special character in double quotes. */
export function commandLine(args: readonly string[]): string {
  return args.map((a) => (a !== '' && /^[\p{L}\p{N}_./:=@%+,~-]+$/u.test(a) ? a : `"${a.replace(/(["\\$`])/g, '\\$1')}"`)).join(' ');
}

/** The input table's columns: what a person looks for first (file, school, sheet, year, teachers, what went wrong), the hash last and narrow. */
// The rows skipped are one text (`表尾 2: 12-13`), as the console says them: a column a reason made
// 汇总 too wide to print one page wide at 60 % (issue 20, item 5), for counts that are mostly 0.
const INPUT_COLUMNS = ['file', 'school', 'sheet', 'years', 'teachers', 'inputNote', 'rowsRead', 'skippedRows', 'format', 'encoding', 'yearFrom', 'sha256'] as const;
type InputColumn = (typeof INPUT_COLUMNS)[number];

/**
 * 汇总 (DESIGN.md, The Excel report), for an officer with a county's returns and an afternoon
 * (issue 20): the verdict in one line; the flagged schools, each a link to its row on 学校; the
 * counts in their units (a cycle's teachers beside its teacher-years, each school once); the
 * findings by check; what to do next and the command that re-runs the audit; then the rule set,
 * the time and the inputs.
 */
export function summarySheet(ctx: ReportContext, n: SummaryNotes): ReportSheet {
  const { result, L, R, U, yearOf } = ctx;
  const cy = result.cycle;
  const s = result.summary;
  const rows: ReportCell[][] = [];
  const blank = () => rows.push([]);
  const title = (text: string) => rows.push([cell(text, { bold: true })]);
  const count = (v: number, unit: string) => cell(v, { numFmt: `0" ${R(unit)}"` });
  // A teacher counts once a year: where one appears in several years (a cycle's returns), the
  // yearly counts are of teacher-years, and the teachers are counted once beside them.
  const people = distinctTeachers(result);
  const teacherYears = countsTeacherYears(result);
  const schoolYears = Boolean(cy) || s.distinctSchools !== s.schools;
  const yearly = { teachers: teacherYears ? 'unitTeacherYears' : 'unitTeachers', schools: schoolYears ? 'unitSchoolYears' : 'unitSchools' };
  const cyclePeriod = cyclePeriodOf(ctx);
  const byStatus = new Map<string, number>();
  for (const x of cy?.teachers ?? []) byStatus.set(x.status, (byStatus.get(x.status) ?? 0) + 1);
  const cycleCount = (st: string) => byStatus.get(st) ?? 0;

  // The verdict: flagged schools (each once, over the cycle and every year), teachers incomplete, files not audited.
  const verdict: string[] = [];
  verdict.push(s.distinctSchoolsFlagged ? R('verdictFlagged', { count: s.distinctSchoolsFlagged }) : R('verdictNoneFlagged'));
  const incomplete = cy ? cycleCount('incomplete') : s.incomplete;
  if (incomplete) verdict.push(R(cy || !teacherYears ? 'verdictIncomplete' : 'verdictIncompleteYears', { count: incomplete }));
  else verdict.push(R('verdictNoneIncomplete'));
  if (cycleCount('behind')) verdict.push(R('verdictBehind', { count: cycleCount('behind') }));
  if (s.inputErrors) verdict.push(R('verdictInputErrors', { count: s.inputErrors }));
  const teachersText = teacherYears ? `${R('countTeachers', { count: people })} / ${R('countTeacherYears', { count: s.teachers })}` : R('countTeachers', { count: s.teachers });
  let line = verdict.join(R('verdictJoin')) + R('verdictOf', { teachers: teachersText, schools: R('countSchools', { count: s.distinctSchools }) });
  if (cy) line = R('verdictCycle', { cycle: cyclePeriod, text: line });
  line = line.charAt(0).toUpperCase() + line.slice(1);
  rows.push([cell(line, { bold: true, ...(s.distinctSchoolsFlagged || s.inputErrors ? { fill: FILL.error } : incomplete || cycleCount('behind') ? { fill: FILL.warning } : {}) })]);
  blank();

  // The flagged schools, each once, worst first: flagged over the cycle, then by its worst share.
  const flagged = new Map<string, { rows: Array<{ x: SchoolResult; period: string | number | null; label: string | number | null }> }>();
  const flag = (x: SchoolResult, period: string | number | null, label: string | number | null) => {
    if (!x.flagged) return;
    let f = flagged.get(x.name);
    if (!f) flagged.set(x.name, (f = { rows: [] }));
    f.rows.push({ x, period, label });
  };
  for (const x of cy?.schools ?? []) flag(x, cyclePeriod, R('cyclePeriod', { cycle: cyclePeriod }));
  // result.schools: the latest year first, so a school's first row is its cycle row or its latest flagged year.
  for (const x of result.schools) flag(x, x.year, yearOf(x.year));
  title(R('flaggedTitle', { count: flagged.size }));
  if (flagged.size) {
    rows.push([U('school'), U('share'), R('flaggedIn')].map((h) => cell(h, { bold: true })));
    const zh = new Intl.Collator('zh').compare;
    const order = [...flagged].sort(([a, fa], [b, fb]) => {
      const ca = fa.rows[0]!.period === cyclePeriod && cy ? 1 : 0;
      const cb = fb.rows[0]!.period === cyclePeriod && cy ? 1 : 0;
      return cb - ca || fb.rows[0]!.x.share - fa.rows[0]!.x.share || zh(a, b);
    });
    for (const [name, f] of order) {
      const first = f.rows[0]!;
      const row = n.schoolRow(name, first.period);
      const link = row ? { link: `'${ctx.names.schools}'!A${row}` } : {};
      rows.push([cell(name, { fill: FILL.flagged, ...link }), cell(first.x.share, { fill: FILL.flagged, numFmt: '0.0%' }), cell(f.rows.map((r) => r.label).join(R('listJoin')), { fill: FILL.flagged })]);
    }
  } else rows.push([cell(R('flaggedNone'))]);
  blank();

  // The counts, in their units: a cycle's teachers and schools beside its years' teacher-years and school-years.
  title(R('totalsTitle'));
  if (cy) {
    rows.push([cell(R('cycle')), cell(cyclePeriod), ...(result.rules.yearStart ? [cell(`${yearOf(cy.window.start)} — ${yearOf(cy.window.end)}`)] : [])]);
    rows.push([cell(R('asOf')), cell(cy.window.asOf)]);
    rows.push([cell(R('yearsFound')), cell(cy.yearsFound.join(', '))]);
    rows.push([cell(R('yearsNoInput')), cell(cy.yearsWithoutInput.join(', '), cy.yearsWithoutInput.length ? { fill: FILL.warning } : {})]);
    rows.push([cell(R('item'), { bold: true }), cell(R('cyclePeriod', { cycle: cyclePeriod }), { bold: true }), cell(R('yearsColumn', { years: cy.yearsFound.join(', ') }), { bold: true })]);
  }
  const audited = s.complete + s.incomplete;
  const cycleAudited = cy ? cy.teachers.length - cycleCount('exempt') : 0;
  const both = (label: string, cycleCell: ReportCell | null, yearCell: ReportCell | null, extra?: Omit<ReportCell, 'v'>) =>
    rows.push(cy ? [cell(label, extra), cycleCell ?? cell(null), yearCell ?? cell(null)] : [cell(label, extra), yearCell ?? cell(null)]);
  if (cy || !teacherYears) both(R('teachersAll'), count(cy?.teachers.length ?? 0, 'unitTeachers'), count(s.teachers, yearly.teachers));
  else {
    both(R('teachersAll'), null, count(people, 'unitTeachers'));
    both(R('teacherYears'), null, count(s.teachers, 'unitTeacherYears'));
  }
  both(term(L, 'complete'), count(cycleCount('complete'), 'unitTeachers'), count(s.complete, yearly.teachers));
  if (cy) {
    both(term(L, 'in-progress'), count(cycleCount('in-progress'), 'unitTeachers'), null);
    both(term(L, 'behind'), count(cycleCount('behind'), 'unitTeachers'), null);
  }
  both(term(L, 'incomplete'), count(cycleCount('incomplete'), 'unitTeachers'), count(s.incomplete, yearly.teachers));
  both(term(L, 'exempt'), count(cycleCount('exempt'), 'unitTeachers'), count(s.exempt, yearly.teachers));
  // Rows read and not counted (a repeated row, a file sent twice): beside the counts, not in them.
  if (s.setAside) both(term(L, 'set-aside'), null, cell(s.setAside, { fill: FILL.warning, numFmt: `0" ${R('unitRows')}"` }), { fill: FILL.warning });
  // Over the cycle, as 学校's 总体完成率: neither incomplete nor behind pace, of the audited.
  both(
    R('completeRate'),
    cell(cycleAudited ? (cycleAudited - cycleCount('incomplete') - cycleCount('behind')) / cycleAudited : 0, { numFmt: '0.0%' }),
    cell(audited ? s.complete / audited : 0, { numFmt: '0.0%' }),
  );
  // Said beside it, not in a note: 汇总 is read, and printed, as it is.
  if (cy) rows.at(-1)!.push(cell(R('cycleRateNote')));
  if (cy) {
    both(R('schoolsAll'), count(cy.schools.length, 'unitSchools'), count(s.schools, yearly.schools));
    both(R('schoolsFlagged'), count(s.cycleSchoolsFlagged ?? 0, 'unitSchools'), count(s.schoolsFlagged, yearly.schools));
  } else {
    // Each school once; over several years its school-years too.
    both(R('schoolsAll'), null, count(s.distinctSchools, 'unitSchools'));
    if (schoolYears) both(R('schoolYears'), null, count(s.schools, 'unitSchoolYears'));
    both(R('schoolsFlagged'), null, count(s.distinctSchoolsFlagged, 'unitSchools'));
    if (schoolYears) both(R('schoolYearsFlagged'), null, count(s.schoolsFlagged, 'unitSchoolYears'));
  }
  // The rule set's district targets (三(二)1), each year's share against its target.
  if (result.targets?.length) {
    blank();
    rows.push([cell(R('targetsTitle'), { bold: true }), cell(U('year')), cell(R('targetShare')), cell(R('targetGoal')), cell(R('targetMet'))]);
    for (const x of result.targets) {
      const f = x.met ? {} : { fill: FILL.warning };
      rows.push([cell(term(L, x.key), f), cell(yearOf(x.year), f), cell(x.share / 100, { ...f, numFmt: '0.00%' }), cell(x.target / 100, { ...f, numFmt: '0%' }), cell(U(x.met ? 'yes' : 'no'), f)]);
    }
  }
  // What the other sheets hold, where a limit changed it.
  if (!n.listAll) rows.push([cell(R('teachersListed'), { fill: FILL.warning }), cell(R('teachersListedNote', { listed: n.listed, all: result.teachers.length, limit: n.limit }), { fill: FILL.warning })]);
  if (!n.notes) rows.push([cell(R('notesLeftOut'), { fill: FILL.warning }), cell(R('notesLeftOutNote', { findings: n.teacherFindings, limit: n.noteLimit }), { fill: FILL.warning })]);
  for (const p of n.split) {
    rows.push([
      cell(R('sheetSplit'), { fill: FILL.warning }),
      cell(R(p.limit.by === 'links' ? 'sheetSplitLinksNote' : 'sheetSplitNote', { sheet: p.names[0]!, rows: p.rows, limit: p.limit.count, names: p.names.join('、') }), { fill: FILL.warning }),
    ]);
  }
  blank();

  // The findings by check, by its title (the sheet knows no check by its id), the most errors first.
  title(R('checksTitle'));
  rows.push([cell(U('check'), { bold: true }), ...SEVERITIES.map((sev) => cell(term(L, sev), { bold: true }))]);
  const byCheck = new Map<string, Record<Severity, number>>();
  for (const f of result.findings) {
    let c = byCheck.get(f.check);
    if (!c) byCheck.set(f.check, (c = { error: 0, warning: 0, info: 0 }));
    c[f.severity]++;
  }
  const checkTitle = (id: string) => CHECKS[id]?.meta.title[L] ?? id;
  const checks = [...byCheck].sort(([a, x], [b, y]) => y.error - x.error || y.warning - x.warning || y.info - x.info || checkTitle(a).localeCompare(checkTitle(b), L));
  for (const [id, c] of checks) rows.push([cell(checkTitle(id)), ...SEVERITIES.map((sev) => cell(c[sev] || null, c[sev] && sev !== 'info' ? { fill: FILL[sev] } : {}))]);
  rows.push([cell(R('totalsTitle'), { bold: true }), ...SEVERITIES.map((sev) => cell(s.findings[sev], { bold: true }))]);
  blank();

  // What to do next, in order.
  title(R('nextTitle'));
  const steps: string[] = [];
  if (s.inputErrors) steps.push(R('nextInputErrors', { count: s.inputErrors, note: R('inputNote') }));
  if (flagged.size) steps.push(R('nextFlagged', { schools: ctx.names.schools }));
  const sheets = [...(cy ? [ctx.names.cycle] : []), ctx.names.teachers, ctx.names.findings].map((name) => R('quoted', { name }));
  steps.push(R('nextSend', { sheets: sheets.join(R('listJoin')), shortfall: R('shortfall') }));
  steps.push(R('nextRerun'));
  steps.forEach((text, i) => rows.push([cell(`${i + 1}. ${text}`)]));
  rows.push([cell(ctx.opts.command ?? rerunCommand(ctx), { bold: true })]);
  blank();

  // The run: rule set, source, rule file, time, tool.
  title(R('aboutTitle'));
  rows.push([cell(R('ruleSet')), cell(`${result.rules.name}（${result.rules.id}）`)]);
  rows.push([cell(R('ruleSource')), cell(result.rules.source)]);
  rows.push([cell(R('ruleFile')), cell(ruleFileText(ctx))]);
  rows.push([cell(R('generatedAt')), cell(localTime(result.generatedAt))]);
  rows.push([cell(R('tool')), cell(`${result.tool.name} ${result.tool.version}`)]);
  blank();

  // The inputs, each sheet a row, with what was skipped and why, the hash last.
  title(R('inputsTitle'));
  rows.push(INPUT_COLUMNS.map((k) => cell(k === 'school' || k === 'teachers' ? U(k) : R(k), { bold: true })));
  const inputRow = (values: Partial<Record<InputColumn, ReportCell>>) => INPUT_COLUMNS.map((k) => values[k] ?? cell(null));
  for (const i of result.inputs) {
    const id = { file: cell(i.file), format: cell(i.format), encoding: cell(readAs(i)), sha256: cell(i.sha256) };
    for (const sh of i.skippedSheets ?? []) rows.push(inputRow({ ...id, sheet: cell(sh.sheet), inputNote: cell(R('skippedSheet') + skippedSheetText(L, sh), { fill: FILL.warning, wrap: true }) }));
    if (i.error) {
      rows.push(inputRow({ ...id, inputNote: cell(errorMessage(L, i.error.messageId, i.error.data), { fill: FILL.error, wrap: true }) }));
      continue;
    }
    // What of the input is not counted (the same bytes as another input, a school's year resent), beside its first sheet.
    let setAside = (i.setAside ?? [])
      .map((x) => t(L, 'ui', x.reason === 'same-content' ? 'inputSameContent' : 'inputResent', { file: i.file, kept: x.kept.file, teachers: x.teachers, school: x.school ?? '', year: x.year ?? '' }))
      .join('\n');
    for (const sh of i.sheets) {
      const note = setAside;
      setAside = '';
      const notUnderstood = sh.skipped['not-understood'].length;
      rows.push(
        inputRow({
          ...id,
          school: cell(i.school),
          sheet: cell(sh.sheet),
          years: cell(i.years.map((y) => yearOf(y)).join(', ')),
          teachers: cell(sh.teachers),
          inputNote: note ? cell(note, { fill: FILL.warning, wrap: true }) : cell(null),
          rowsRead: cell(sh.rowsRead),
          skippedRows: cell(skippedText(L, sh.skipped), notUnderstood ? { fill: FILL.warning, wrap: true } : { wrap: true }),
          yearFrom: cell(i.yearSource ? term(L, i.yearSource) : ''),
        }),
      );
    }
  }
  // Files met and not audited (a folder's PDFs and archives, our own reports), each with the reason (issue 21).
  for (const f of result.skippedFiles ?? []) rows.push(inputRow({ file: cell(f.file), inputNote: cell(R('skippedFile') + term(L, `fileSkip.${f.reason}`), { fill: FILL.warning, wrap: true }) }));
  const files = [...result.inputs.map((i) => i.file), ...(result.skippedFiles ?? []).map((f) => f.file)];
  return {
    name: ctx.names.summary,
    // A: labels and paths; B, C: the counts' columns, the schools and sheets of the inputs; the hash last, narrow (its text runs on into the empty cells beyond).
    widths: [fileColumnWidth(files), 20, 16, 14, 8, 30, 10, 24, 8, 10, 10, 12],
    header: false,
    rowCount: rows.length,
    rows: () => rows,
  };
}

/** The rule file as a person finds it: a built-in rule set by its name, a district's own file relative to where the run started. */
function ruleFileText(ctx: ReportContext): string {
  const file = ctx.result.rules.file;
  if (path.resolve(path.dirname(file)) === path.resolve(BUILTIN_RULES_DIR)) return ctx.R('ruleFileBuiltin', { file: path.basename(file) });
  return relativeTo(ctx.opts.cwd, file);
}

function relativeTo(cwd: string | undefined, file: string): string {
  if (!cwd || !path.isAbsolute(file)) return file;
  const r = path.relative(cwd, file);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : file;
}

/**
 * The command that audits the same returns again, where the report is not told the one that ran
 * (a program calling the library): the inputs' common folder, the rule set, the cycle.
 */
function rerunCommand(ctx: ReportContext): string {
  const { result } = ctx;
  const dirs = [...result.inputs.map((i) => i.file), ...(result.skippedFiles ?? []).map((f) => f.file)].map((f) => f.split(/[\\/]/).slice(0, -1));
  let common = dirs[0] ?? [];
  for (const d of dirs) {
    let k = 0;
    while (k < common.length && k < d.length && common[k] === d[k]) k++;
    common = common.slice(0, k);
  }
  const folder = common.length === 0 ? '.' : common.length === 1 && common[0] === '' ? '/' : common.join('/');
  const builtin = path.resolve(path.dirname(result.rules.file)) === path.resolve(BUILTIN_RULES_DIR);
  const args = ['credit-audit', 'check', folder, '--rules', builtin ? result.rules.id : relativeTo(ctx.opts.cwd, result.rules.file)];
  const cy = result.cycle;
  if (cy) {
    args.push('--cycle', `${cy.window.start}-${cy.window.end}`);
    if (cy.yearsFound.length && cy.window.asOf !== Math.max(...cy.yearsFound)) args.push('--as-of', String(cy.window.asOf));
  }
  if (ctx.L !== 'zh') args.push('--lang', ctx.L);
  return commandLine(args);
}
