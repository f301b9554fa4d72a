import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { FileSkipReason, SkippedFile } from '../model/types.js';
import { ownOutput } from '../read/own-output.js';

/** What a return comes in: workbooks (.xlsx, legacy .xls, .xlsb, .ods, WPS .et/.ett) and CSV. */
export const RETURN_EXT = /\.(xlsx|xlsm|xls|xlsb|ods|et|ett|csv)$/i;

const KINDS: Array<[RegExp, FileSkipReason]> = [
  [/\.pdf$/i, 'pdf'],
  [/\.(docx?|docm|wps|wpt|rtf|odt)$/i, 'word'],
  [/\.(png|jpe?g|gif|bmp|tiff?|webp|heic|heif)$/i, 'image'],
  [/\.(zip|rar|7z|gz|tgz|tar|bz2|xz)$/i, 'archive'],
];

/** Why a file found in a folder is not a return, or null for one that may be. */
function notAReturn(name: string): FileSkipReason | null {
  // Excel's and WPS's lock files (~$name.xlsx), held while the file is open: not returns.
  if (name.startsWith('~$')) return 'lock-file';
  if (name.startsWith('.')) return 'hidden';
  if (RETURN_EXT.test(name)) return null;
  for (const [re, kind] of KINDS) if (re.test(name)) return kind;
  return 'other';
}

export interface Scanned {
  /** The inputs to audit, as the user named them (relative to cwd when found in a folder). */
  files: string[];
  /** Every other file a folder holds, and each report or annotated copy of our own, with the reason. */
  skipped: SkippedFile[];
  /** Patterns the tool expanded that matched no file. */
  unmatched: string[];
}

function walk(dir: string, cwd: string, out: string[], skipped: SkippedFile[]): void {
  // `dir` is as the user named it (relative to cwd, for display); read it where it is.
  for (const entry of readdirSync(path.resolve(cwd, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // A hidden folder (.git, .vscode) is not where returns are kept; it is not listed file by file.
      if (!entry.name.startsWith('.')) walk(p, cwd, out, skipped);
      continue;
    }
    // A named pipe, a socket or a device is no file to read (opening a pipe waits for a writer:
    // the run hung); a link is followed to what it names.
    if (!entry.isFile()) {
      const st = statSync(path.resolve(cwd, p), { throwIfNoEntry: false });
      if (!st?.isFile()) {
        skipped.push({ file: p, reason: 'special' });
        continue;
      }
    }
    const reason = notAReturn(entry.name);
    if (reason === null) out.push(p);
    else skipped.push({ file: p, reason });
  }
}

function expand(args: string[], cwd: string, skipped: SkippedFile[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    const abs = path.resolve(cwd, a);
    if (existsSync(abs) && statSync(abs).isDirectory()) walk(a === abs ? abs : path.relative(cwd, abs) || '.', cwd, out, skipped);
    else out.push(a);
  }
  return out;
}

/**
 * Files named on the command line, with folders expanded to the returns inside them (sync: the
 * folder listing alone, without globs or the check for our own outputs; tests list fixtures with it).
 */
export function expandInputs(args: string[], cwd: string): string[] {
  return expand(args, cwd, []);
}

/**
 * The inputs of a run. A folder is scanned for every file: each one that is not a return is
 * listed with the reason, so a school that sent a PDF or a .rar is named, not lost (issue 21).
 * A pattern the shell did not expand (Windows cmd and PowerShell never do) is expanded here.
 * A file named directly is audited whatever it is (a PDF named so is an input error), except a
 * report or an unchanged annotated copy credit-audit wrote: those are skipped wherever they are
 * found, so `check .` run twice, or `check *.xlsx`, does not audit the last report as a return.
 */
export async function scanInputs(args: string[], cwd: string, platform: NodeJS.Platform = process.platform): Promise<Scanned> {
  const skipped: SkippedFile[] = [];
  const unmatched: string[] = [];
  const named: string[] = [];
  for (const a of args) {
    // A name that exists is a name, even one with [ or { in it (a school's "2025[修订].xlsx").
    if (existsSync(path.resolve(cwd, a)) || !isDynamicPattern(toPattern(a, platform))) {
      named.push(a);
      continue;
    }
    const found = (await glob(toPattern(a, platform), { cwd, onlyFiles: true, dot: false, expandDirectories: false })).sort((x, y) => x.localeCompare(y));
    if (found.length === 0) unmatched.push(a);
    // Shown as the shell would show them: relative to where the command runs, in its separators.
    for (const f of found) named.push(path.normalize(f));
  }
  const candidates = expand(named, cwd, skipped);
  const files: string[] = [];
  for (const f of candidates) {
    // A few synchronous reads of the zip's directory and its core.xml (../read/own-output.ts): ~0.1 ms a file.
    const own = await ownOutput(path.resolve(cwd, f));
    if (own) skipped.push({ file: f, reason: own });
    // A lock file matched by a pattern (`*.xlsx` matches ~$name.xlsx, in the shell too) is never a return either.
    else if (path.basename(f).startsWith('~$')) skipped.push({ file: f, reason: 'lock-file' });
    else files.push(f);
  }
  skipped.sort((a, b) => a.file.localeCompare(b.file));
  return { files, skipped, unmatched };
}

/** A command-line pattern as tinyglobby reads it: Windows users write `returns\*.xlsx`. */
function toPattern(arg: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? arg.replace(/\\/g, '/') : arg;
}
