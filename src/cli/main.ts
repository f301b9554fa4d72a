import type { Io } from './io.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { realpathSync, statSync, type Stats } from 'node:fs';
import { totalmem } from 'node:os';
import path from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import zlib from 'node:zlib';
import { Command, CommanderError, Option } from 'commander';
import { commanderErrorText, helpText, langOf, localiseHelp } from './help.js';
import { writeOutputFile } from './output-file.js';
import { audit, TOOL_VERSION } from '../engine/audit.js';
import { parseCycleArg } from '../periods/cycle.js';
import { loadRules, resolveRulesArg, RuleError } from '../rules/rules.js';
import { errorMessage, t, term, type Lang } from '../i18n/index.js';
import type { AuditResult, Severity } from '../model/types.js';
import { renderConsole } from '../report/console.js';
import { consoleText } from '../report/console-text.js';
import { removeTempFiles } from '../report/temp-files.js';
import type { AnnotatedCopies } from '../report/annotate.js';
import { githubChunks, junitChunks } from '../report/ci-formats.js';
import { renderJsonChunks } from '../report/json.js';
import { maskResult } from '../report/mask-result.js';
import { writeReport } from '../report/write-report.js';
import { SHAPES } from '../shapes/index.js';
import { readColumnsMap } from './columns-map.js';
import { phase, phaseTimes, timed } from '../load/timings.js';
import { commandLine, NOTE_LIMIT, TEACHER_SHEET_LIMIT } from '../report/report-content.js';
import { parseWeight } from '../read/open.js';
import { showProgress, showWriteProgress, timingsLine } from './progress.js';
import { registerRulesCommand } from './rules-cmd.js';
import { registerTemplateCommand } from './template-cmd.js';
import { scanInputs } from './inputs.js';

export type { Io } from './io.js';

/** The console's width: the terminal's (80 at least), or 100 when stdout is not a terminal. */
export function consoleWidth(io: Io): number {
  return io.isTTY && io.columns ? Math.max(80, io.columns) : 100;
}

export function processIo(): Io {
  // A reader that stops early (`… --format json | head`) closes the pipe: what it did not read is
  // dropped, and the run goes on to write its report and end with its own exit code, instead of
  // an internal error (EPIPE).
  // stderr as well (`… 2>&1 | head`: both go to the one pipe): a closed stderr is no failure of
  // the run, which ended as an internal error, exit 2, where its findings meant 1.
  let stdoutClosed = false;
  let stderrClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutClosed = true;
  });
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stderrClosed = true;
  });
  return {
    stdout: (s) => {
      if (stdoutClosed || process.stdout.write(s)) return;
      // A pipe whose reader is slower than the run (| less, a CI log) takes what it can; the rest
      // waited in memory: a province's ~1 GB of JSON ended Node out of heap (issue 5).
      return new Promise<void>((resolve) => {
        const go = () => {
          process.stdout.off('drain', go).off('error', go).off('close', go);
          resolve();
        };
        process.stdout.on('drain', go).on('error', go).on('close', go);
      });
    },
    stderr: (s) => {
      if (!stderrClosed) process.stderr.write(s);
    },
    isTTY: Boolean(process.stdout.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    peakRssMb: () => Math.round(process.resourceUsage().maxRSS / 1024),
    tuneHeap,
    heap: { limitMb: Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20), totalMb: memoryMb(), relaunch },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** The heap grows by half at a time for large inputs, keeping the peak low (docs/performance.md). */
const HEAP_GROWING_PERCENT = 50;
const LARGE_INPUT_BYTES = 48 * 1024 * 1024;

/** Whether inputs holding this much to parse in all (bytes of CSV text, parseWeight) get the slow heap growth. */
export function slowHeapGrowth(inputBytes: number): boolean {
  return inputBytes >= LARGE_INPUT_BYTES;
}

/** Pretenuring is switched off: the report's short-lived cells filled the old generation (docs/performance.md). */
function tuneHeap(inputBytes: number): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
  if (slowHeapGrowth(inputBytes)) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Heap a run holds per byte it parses (parseWeight), measured (README, issue 5): a one-year check
 * ~7 (the 1 000 000-row return: ~97 MB to parse, ~680 MB above the process's baseline), a cycle
 * audit ~15–17 (five years' returns of 100 000 teachers; the 1 000 000-record 杭州 export), each
 * rounded up, plus the process's own ~100 MB.
 */
const HEAP_PER_BYTE = { year: 10, cycle: 20 } as const;
const HEAP_BASE_MB = 100;
/** A run expected to need more than this share of the heap V8 allows it is moved to a process allowed more. */
const HEAP_HEADROOM = 0.8;
/** The most of the machine's memory a moved run is allowed: the system and other programs keep the rest. */
const MACHINE_SHARE = 0.75;
/** Set in a moved run's environment (to the heap it was allowed): a run is moved once at most. */
const HEAP_ENV = 'CREDIT_AUDIT_HEAP_MB';

/** The heap, in MB, a run is expected to need for inputs holding `weight` bytes to parse. */
export function heapNeededMb(weight: number, cycle: boolean): number {
  return HEAP_BASE_MB + Math.ceil((weight * (cycle ? HEAP_PER_BYTE.cycle : HEAP_PER_BYTE.year)) / 2 ** 20);
}

export type HeapPlan = { kind: 'fits' } | { kind: 'relaunch'; mb: number } | { kind: 'short' };

/**
 * Whether a run expected to need `neededMb` of heap fits in the `limitMb` V8 allows this process
 * (Node's default is a quarter of the memory, at most ~4 GB: a province's five-year cycle needs
 * more, and V8 ends a run that passes it with a native stack trace, issue 5); if not, the heap a
 * new process should be allowed for it, or 'short' when the machine has no more to give.
 */
export function heapPlan(neededMb: number, limitMb: number, totalMb: number): HeapPlan {
  if (neededMb <= limitMb * HEAP_HEADROOM) return { kind: 'fits' };
  const most = Math.floor(totalMb * MACHINE_SHARE);
  if (most <= limitMb) return { kind: 'short' };
  return { kind: 'relaunch', mb: Math.min(most, Math.ceil(neededMb / HEAP_HEADROOM)) };
}

/** The machine's memory in MB, or a container's limit where it is lower (a moved run must not pass it). */
function memoryMb(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  return Math.floor(Math.min(totalmem(), limit > 0 ? limit : Infinity) / 2 ** 20);
}

/** The run moved to a process allowed more heap, while it runs: a signal to this one is passed on to it. */
let movedRun: ChildProcess | undefined;

/** The same command in a new process allowed `mb` MB of heap, on this one's stdio; null if this is already one. */
function relaunch(mb: number): Promise<number | { signal: string } | null> {
  const script = process.argv[1];
  if (process.env[HEAP_ENV] || !script) return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = (movedRun = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${mb}`, script, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, [HEAP_ENV]: String(mb) },
    }));
    // A process that cannot be started leaves the run here, as it would have been.
    child.on('error', () => {
      movedRun = undefined;
      resolve(null);
    });
    child.on('exit', (code, signal) => {
      movedRun = undefined;
      resolve(code ?? { signal: signal ?? 'unknown' });
    });
  });
}

export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

interface CheckOptions {
  rules: string;
  year?: string;
  cycle?: string | true;
  asOf?: string;
  shape?: string;
  columns?: string;
  out: string | false;
  format: 'table' | 'json' | 'junit' | 'github';
  /** Where the --format output goes; the console then shows the table. */
  outputFile?: string;
  quiet?: boolean;
  maxWarnings?: string;
  showIds?: boolean;
  failOn: FailOn;
  lang: Lang;
  maskIds?: boolean;
  color?: boolean;
  annotate?: string;
  allTeachers?: boolean;
  allNotes?: boolean;
  jobs?: string;
  timings?: boolean;
  /** Whether --rules was given, not taken from its default. */
  rulesGiven?: boolean;
  /** The command as typed, for 汇总's re-run after corrections. */
  command?: string;
}

class UsageError extends Error {
  constructor(
    readonly messageId: string,
    readonly data: Record<string, string | number>,
  ) {
    super(messageId);
  }
}

// The folder scan and the expansion of patterns live in ./inputs.ts (issue 21).
export { expandInputs } from './inputs.js';

function samePath(a: string, b: string, cwd: string): boolean {
  const ra = path.resolve(cwd, a);
  const rb = path.resolve(cwd, b);
  if (ra === rb) return true;
  try {
    return realpathSync(ra) === realpathSync(rb);
  } catch {
    return false;
  }
}

function exitCodeFor(result: AuditResult, failOn: FailOn): number {
  if (result.summary.inputErrors > 0) return EXIT.error;
  if (failOn === 'never') return EXIT.ok;
  return result.findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? EXIT.findings : EXIT.ok;
}

async function runCheck(inputs: string[], o: CheckOptions, io: Io): Promise<number> {
  const lang = o.lang;
  const { files, skipped, unmatched } = await scanInputs(inputs, io.cwd);
  // As ESLint: a pattern that matches nothing is a mistake in the command, said before any work.
  if (unmatched.length) throw new UsageError('usage.noMatch', { patterns: unmatched.join(' ') });
  if (files.length === 0) {
    // What was found and set aside is said, so "nothing to audit" is not a mystery.
    for (const s of skipped) say(io, t(lang, 'ui', 'fileSkipped', { file: s.file, reason: term(lang, `fileSkip.${s.reason}`) }));
    throw new UsageError('usage.noInputs', { patterns: inputs.join(' ') });
  }
  let weight = 0;
  if (io.tuneHeap || io.heap) {
    for (const f of files) {
      const file = path.resolve(io.cwd, f);
      weight += await parseWeight(file, statSync(file, { throwIfNoEntry: false })?.size ?? 0);
    }
  }
  if (o.out !== false) {
    const out = o.out;
    if (files.some((f) => samePath(f, out, io.cwd))) throw new UsageError('usage.outIsInput', { out });
    // The report is renamed over the name: a folder, a device or a pipe would be replaced by it
    // (`--out /dev/null` as root, in CI or a container, replaced /dev/null; issue 18).
    const there = statSync(path.resolve(io.cwd, out), { throwIfNoEntry: false });
    if (there && !there.isFile()) throw new UsageError('usage.outNotFile', { out, kind: pathKind(there) });
  }
  if (o.outputFile !== undefined) {
    const file = o.outputFile;
    if (files.some((f) => samePath(f, file, io.cwd))) throw new UsageError('usage.outputFileIsInput', { file });
    if (o.out !== false && samePath(o.out, file, io.cwd)) throw new UsageError('usage.outputFileIsReport', { file });
    if (statSync(path.resolve(io.cwd, file), { throwIfNoEntry: false })?.isDirectory()) throw new UsageError('usage.outputFileIsDir', { file });
  }
  if (o.annotate !== undefined) {
    const there = statSync(path.resolve(io.cwd, o.annotate), { throwIfNoEntry: false });
    if (there && !there.isDirectory()) throw new UsageError('usage.annotateNotDir', { dir: o.annotate });
  }
  let year: number | null = null;
  if (o.year !== undefined) {
    if (!/^(19|20)\d{2}$/.test(o.year)) throw new UsageError('usage.badYear', { option: '--year', value: o.year });
    year = Number(o.year);
  }
  let cycle: { start: number; end: number } | 'default' | null = null;
  if (o.cycle === true) cycle = 'default';
  else if (o.cycle !== undefined) {
    cycle = parseCycleArg(o.cycle);
    if (!cycle) throw new UsageError('usage.badCycle', { value: o.cycle });
  }
  let asOf: number | null = null;
  if (o.asOf !== undefined) {
    if (!/^(19|20)\d{2}$/.test(o.asOf)) throw new UsageError('usage.badYear', { option: '--as-of', value: o.asOf });
    asOf = Number(o.asOf);
  }
  let jobs: number | undefined;
  if (o.jobs !== undefined) {
    if (!/^[1-9]\d{0,2}$/.test(o.jobs)) throw new UsageError('usage.badJobs', { value: o.jobs });
    jobs = Number(o.jobs);
  }
  let maxWarnings: number | undefined;
  if (o.maxWarnings !== undefined) {
    if (!/^\d{1,9}$/.test(o.maxWarnings)) throw new UsageError('usage.badMaxWarnings', { value: o.maxWarnings });
    maxWarnings = Number(o.maxWarnings);
  }
  let columns: Record<string, string> | undefined;
  if (o.columns !== undefined) {
    const read = readColumnsMap(o.columns, io.cwd);
    if ('error' in read) throw new UsageError(read.error.messageId, read.error.data);
    columns = read.map;
  }
  const rules = loadRules(resolveRulesArg(o.rules, io.cwd));
  if (io.heap) {
    const needed = heapNeededMb(weight, cycle !== null || Boolean(rules.def.cycle?.always));
    const plan = heapPlan(needed, io.heap.limitMb, io.heap.totalMb);
    if (plan.kind === 'relaunch') {
      const code = await io.heap.relaunch(plan.mb);
      if (typeof code === 'number') return code;
      // Ended by the system, most often for memory (Linux's out-of-memory killer sends SIGKILL).
      if (code) {
        say(io, errorMessage(lang, 'run.killed', { signal: code.signal }));
        return EXIT.error;
      }
    }
    if (plan.kind !== 'fits') say(io, t(lang, 'ui', 'memoryShort', { needed, limit: io.heap.limitMb, total: io.heap.totalMb }));
  }
  io.tuneHeap?.(weight);
  const started = performance.now();
  const stopProgress = io.stderrIsTTY && !io.env.CI ? showProgress(io, lang) : () => {};
  let result: AuditResult;
  try {
    result = await audit({
      files: files.map((f) => path.resolve(io.cwd, f)),
      rules,
      yearOption: year,
      shape: o.shape,
      ...(columns ? { columns } : {}),
      cycle,
      asOf,
      ...(jobs ? { jobs } : {}),
    });
  } finally {
    stopProgress();
  }
  phase('audit', performance.now() - started - (phaseTimes().read ?? 0));
  // Show files as the user named them, relative to where they ran the command.
  relativise(result, io.cwd);
  if (skipped.length) result.skippedFiles = skipped;
  if (!o.rulesGiven) {
    const hint = exportWithDefaultRules(result, lang);
    if (hint) say(io, hint);
  }
  const color = o.color !== false && io.isTTY && !io.env.NO_COLOR && io.env.FORCE_COLOR !== '0' ? true : Boolean(io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0');
  const maskIds = Boolean(o.maskIds);
  // Masked once, here, so no output can show what another hides (in place: nothing below needs the
  // unmasked result; the exit code depends only on the findings' severities).
  const shown = maskIds ? maskResult(result) : result;
  // What the console and --output-file show: with --quiet, errors only (the exit code, the Excel
  // report and the annotated copies still weigh every finding).
  const listed = o.quiet ? { ...shown, findings: shown.findings.filter((f) => f.severity === 'error') } : shown;
  // The CI formats go to logs and artefacts that many can read: their 身份证号 are masked unless
  // --show-ids; the table and the Excel report are the district's and keep them (unless --mask-ids).
  const ciMask = maskIds || !o.showIds;
  const seconds = () => (performance.now() - started) / 1000;
  const render = (format: CheckOptions['format'], colour: boolean): Iterable<string> =>
    format === 'json'
      ? renderJsonChunks(listed, { lang, maskIds: ciMask })
      : format === 'junit'
        ? junitChunks(listed, { lang, maskIds: ciMask, seconds: seconds() })
        : format === 'github'
          ? githubChunks(listed, { lang, maskIds: ciMask })
          : [renderConsole(listed, { lang, color: colour, maskIds, width: consoleWidth(io) })];
  // With --output-file the --format output goes to the file and the console shows the table.
  const consoleFormat = o.outputFile !== undefined ? 'table' : o.format;
  await timed('console', async () => {
    for (const chunk of render(consoleFormat, color)) {
      const behind = io.stdout(chunk);
      if (behind) await behind;
    }
  });
  // stdout is for a program in the other formats; a person running it still sees each unreadable file.
  if (consoleFormat !== 'table') for (const i of shown.inputs) if (i.error) say(io, errorMessage(lang, i.error.messageId, i.error.data));
  if (o.outputFile !== undefined) {
    try {
      await timed('console', () => writeOutputFile(path.resolve(io.cwd, o.outputFile!), render(o.format, false)));
    } catch (e) {
      io.stderr(consoleText(writeFailure(lang, o.outputFile, e)) + '\n');
      return EXIT.error;
    }
    io.stderr(`${consoleText(t(lang, 'ui', 'outputWritten', { file: o.outputFile }))}\n`);
  }
  // A run that read no teacher has no Excel report to write (the --output-file above still says why): an empty report would replace a good one
  // (`check nosuch.xlsx` did). Each input's problem was said above; the run ends with exit 2.
  if (result.summary.teachers + result.summary.setAside === 0) {
    const kept = o.out !== false && statSync(path.resolve(io.cwd, o.out), { throwIfNoEntry: false })?.isFile();
    say(io, kept ? errorMessage(lang, 'run.noTeachersKept', { out: o.out as string }) : errorMessage(lang, 'run.noTeachers', {}));
    return EXIT.error;
  }
  if (o.out !== false) {
    const outFile = path.resolve(io.cwd, o.out);
    try {
      const progress = io.stderrIsTTY && !io.env.CI ? showWriteProgress(io, lang, o.out) : undefined;
      try {
        await timed('write', () => writeReport(shown, outFile, { lang, maskIds, allTeachers: Boolean(o.allTeachers), allNotes: Boolean(o.allNotes), ...(o.command ? { command: o.command } : {}), cwd: io.cwd }, progress?.onProgress));
      } finally {
        progress?.stop();
      }
    } catch (e) {
      io.stderr(consoleText(writeFailure(lang, o.out, e)) + '\n');
      return EXIT.error;
    }
    io.stderr(`${consoleText(t(lang, 'ui', 'reportWritten', { file: o.out }))}\n`);
  }
  let outputsMissing = false;
  if (o.annotate !== undefined) {
    const dir = path.resolve(io.cwd, o.annotate);
    if (files.some((f) => samePath(path.dirname(path.resolve(io.cwd, f)), dir, io.cwd))) throw new UsageError('usage.annotateIsInputDir', { dir: o.annotate });
    // exceljs (the annotated copies keep the input's styles) is loaded only when asked for.
    const { writeAnnotatedCopies, AnnotateDiskFull } = await import('../report/annotate.js');
    const tell = (copies: AnnotatedCopies) => {
      for (const f of copies.written) io.stderr(`${consoleText(t(lang, 'ui', 'reportWritten', { file: f }))}\n`);
      // Each copy not made is said for its file alone; the others were written.
      for (const big of copies.tooLarge) say(io, errorMessage(lang, 'output.annotateTooLarge', { file: big.file, cells: big.cells, rows: big.rows, limit: copies.maxCells }));
      for (const bad of copies.failed) say(io, errorMessage(lang, 'output.annotateCannotCopy', { file: bad.file, detail: bad.detail }));
      for (const file of copies.notXlsx) say(io, errorMessage(lang, 'output.annotateNotXlsx', { file }));
      for (const w of copies.writeFailed) io.stderr(consoleText(writeFailure(lang, w.file, w.error)) + '\n');
      // A copy asked for and not written: the run did not do all it was asked.
      return copies.tooLarge.length + copies.failed.length + copies.writeFailed.length > 0;
    };
    try {
      if (tell(await writeAnnotatedCopies(shown, o.annotate, io.cwd, lang, undefined, maskIds))) outputsMissing = true;
    } catch (e) {
      // The folder could not be made, or the disk is full: the copy being written is named, after those done.
      if (e instanceof AnnotateDiskFull) {
        tell(e.copies);
        io.stderr(consoleText(writeFailure(lang, e.file, e.error)) + '\n');
      } else io.stderr(consoleText(writeFailure(lang, o.annotate, e)) + '\n');
      return EXIT.error;
    }
  }
  if (o.timings) io.stderr(timingsLine(performance.now() - started, io.peakRssMb?.()));
  if (outputsMissing) return EXIT.error;
  const code = exitCodeFor(result, o.failOn);
  // --max-warnings as in ESLint: more warnings than N fail the run (all of them, --quiet or not).
  const warnings = result.summary.findings.warning;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    say(io, t(lang, 'ui', 'tooManyWarnings', { count: warnings, max: maxWarnings }));
    if (code === EXIT.ok) return EXIT.findings;
  }
  return code;
}

/** One line on stderr, with text read from a file made safe for a terminal (issue 18). */
function say(io: Io, text: string): void {
  io.stderr(`credit-audit: ${consoleText(text)}\n`);
}

/** What a path that is not a regular file is, as a term (path.*). */
function pathKind(st: Stats): string {
  if (st.isDirectory()) return 'path.directory';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'path.device';
  if (st.isFIFO()) return 'path.fifo';
  if (st.isSocket()) return 'path.socket';
  return 'path.other';
}

function relativise(result: AuditResult, cwd: string): void {
  // Once per file, not per reference: a million teachers share a few file names (issue 5).
  const seenFiles = new Map<string, string>();
  const rel = (f: string) => {
    let out = seenFiles.get(f);
    if (out === undefined) {
      const r = path.relative(cwd, f);
      out = r && !r.startsWith('..') && !path.isAbsolute(r) ? r : f;
      seenFiles.set(f, out);
      // A name already made relative stays as it is, so a reference met twice is harmless.
      seenFiles.set(out, out);
    }
    return out;
  };
  const fix = (ref: { file: string } | null | undefined) => {
    if (ref) ref.file = rel(ref.file);
  };
  for (const i of result.inputs) {
    i.file = rel(i.file);
    if (i.error && typeof i.error.data.file === 'string') i.error.data.file = rel(i.error.data.file);
  }
  for (const t of result.teachers) {
    fix(t.teacher.ref);
    for (const b of t.teacher.badValues) fix(b.ref);
    for (const m of t.teacher.merged ?? []) fix(m.ref);
  }
  for (const f of result.findings) fix(f.ref);
}

/** Parse argv, run, return the exit code. Never throws. */
export async function run(argv: string[], io: Io): Promise<number> {
  const lang = langOf(argv, io.env);
  // The report's writer takes each part's CRC-32 from node's zlib.crc32 (Node 20.15 and later):
  // on an older Node, say so before any work rather than fail at the report.
  if (typeof (zlib as { crc32?: unknown }).crc32 !== 'function') {
    say(io, errorMessage(lang, 'env.nodeTooOld', { version: process.versions.node }));
    return EXIT.error;
  }
  let code: number = EXIT.ok;
  const h = (key: string, data?: Record<string, string | number>) => helpText(lang, key, data);
  const program = localiseHelp(new Command('credit-audit'), lang)
    .description(h('program'))
    .version(TOOL_VERSION, '-V, --version', h('version'))
    .helpCommand('help [command]', h('helpCommand'))
    .exitOverride()
    // commander's own error lines are English: they are said in the run's language below instead.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} })
    .showHelpAfterError(false);
  localiseHelp(program.command('check'), lang)
    .description(h('check'))
    .argument('<inputs...>', h('inputs'))
    .option('-r, --rules <id|file>', h('rules'), 'puer')
    .option('-y, --year <yyyy>', h('year'))
    .option('-c, --cycle [start-end]', h('cycle'))
    .option('--as-of <yyyy>', h('asOf'))
    .addOption(new Option('--shape <id>', h('shape')).choices(SHAPES.map((s) => s.id)))
    .option('--columns <map.yaml>', h('columns'))
    .option('-o, --out <file>', h('out'), 'credit-audit-report.xlsx')
    .option('--no-out', h('noOut'))
    .addOption(new Option('-f, --format <format>', h('format')).choices(['table', 'json', 'junit', 'github']).default('table'))
    .option('--output-file <file>', h('outputFile'))
    .addOption(new Option('--fail-on <severity>', h('failOn')).choices([...FAIL_ON]).default('error'))
    .option('--max-warnings <n>', h('maxWarnings'))
    .option('-q, --quiet', h('quiet'))
    // The default follows --lang or the environment (langOf), so the report's language does too.
    .addOption(new Option('--lang <lang>', h('lang')).choices(['zh', 'en']).default(lang))
    .addOption(new Option('--mask-ids', h('maskIds')).conflicts('showIds'))
    .option('--show-ids', h('showIds'))
    .option('--annotate <dir>', h('annotate'))
    .option('--no-color', h('noColor'))
    .option('--all-teachers', h('allTeachers', { limit: TEACHER_SHEET_LIMIT }))
    .option('--all-notes', h('allNotes', { limit: NOTE_LIMIT }))
    .option('-j, --jobs <n>', h('jobs'))
    .addOption(new Option('--timings', h('timings')).hideHelp())
    .action(async (inputs: string[], o: CheckOptions, cmd: Command) => {
      code = await runCheck(inputs, { ...o, rulesGiven: cmd.getOptionValueSource('rules') !== 'default', command: commandLine(['credit-audit', ...argv]) }, io);
    });
  registerRulesCommand(program, io, (c) => (code = c));
  registerTemplateCommand(program, io, (c) => (code = c));
  // No command at all: the help, as a usage error (exit 2), not a run that did nothing and passed.
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.error;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return EXIT.ok;
      // Help shown for want of a command (`credit-audit --lang en`): a usage error, as no arguments is.
      if (e.code === 'commander.help' || e.code === 'commander.helpDisplayed') return EXIT.error;
      say(io, commanderErrorText(e, lang));
      io.stderr(`${h('seeHelp')}\n`);
      return EXIT.error;
    }
    if (e instanceof RuleError || e instanceof UsageError) {
      say(io, errorMessage(lang, e.messageId, e.data));
      return EXIT.error;
    }
    say(io, errorMessage(lang, 'internal.crash', { detail: firstLine(e) }));
    return EXIT.error;
  }
}

/**
 * A platform export checked with the default rule set (Pu'er): its minimum in every mode each year
 * is not what a Zhejiang district checks, and every teacher of an export comes out incomplete, so
 * the user is told which rules were used and how to check with Hangzhou's. Null for no export.
 */
function exportWithDefaultRules(result: AuditResult, lang: Lang): string | null {
  const exports = result.inputs.filter((i) => i.sheets.some((s) => s.shape === 'hangzhou-export')).map((i) => i.file);
  if (!exports.length) return null;
  const files = exports.length === 1 ? exports[0]! : t(lang, 'ui', 'filesAndMore', { file: exports[0]!, count: exports.length });
  return t(lang, 'ui', 'exportWithDefaultRules', { files });
}

/** Why an output could not be written; a full disk said plainly, since its fix is not the usual one. */
function writeFailure(lang: Lang, file: string, e: unknown): string {
  if ((e as NodeJS.ErrnoException | undefined)?.code === 'ENOSPC') return errorMessage(lang, 'output.diskFull', { file });
  return errorMessage(lang, 'output.writeFailed', { file, detail: firstLine(e) });
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 300);
}

/**
 * The last resort, installed by bin/: an error thrown where no promise carries it (a library's
 * event handler) ends the run with one line and exit 2, never a stack trace. Inputs are only ever
 * read, so nothing is left half-written; an output is renamed into place only when complete.
 */
export function guardProcess(argv: string[], io: Io): void {
  const lang = langOf(argv, io.env);
  const last = (e: unknown) => {
    say(io, errorMessage(lang, 'internal.crash', { detail: firstLine(e) }));
    removeTempFiles();
    process.exit(EXIT.error);
  };
  process.on('uncaughtException', last);
  process.on('unhandledRejection', last);
  // bin/ sets the exit code when the run ends. Node empties its event loop and exits 0 when the run
  // waits on something that can never come (a stream's 'drain' after it failed): that would pass
  // for success with no report, so it ends as an error instead.
  process.on('beforeExit', () => {
    if (process.exitCode === undefined) last(new Error('the run stopped before it finished'));
  });
  // Ctrl+C, a CI job's timeout, a closed terminal: the outputs being written are removed (their
  // temporary files are registered in report/temp-files.ts) and the run ends as a shell expects,
  // 128 + the signal's number (130, 143, 129). A run moved to a process with more heap gets the
  // signal too (Ctrl+C reaches both; `kill` only this one) and cleans up its own files first.
  // A listener stays on for the whole run (not `once`): with none, a second signal while the first
  // is handled (the terminal's Ctrl+C and the one passed on to a moved run) would end the process
  // at once, half-way through removing its files.
  let stopping = false;
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    process.on(signal, () => {
      const child = movedRun;
      if (child) {
        // The moved run removes its own files and says so; this one ends when it has.
        child.kill(signal);
        if (!stopping) child.once('exit', () => process.exit(128 + number));
        stopping = true;
        return;
      }
      if (stopping) return;
      stopping = true;
      removeTempFiles();
      // The progress line, if one is drawn, is cleared first.
      if (io.stderrIsTTY) io.stderr('\r\u001b[2K');
      say(io, errorMessage(lang, 'run.interrupted', { signal }));
      process.exit(128 + number);
    });
  }
}
