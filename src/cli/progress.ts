import path from 'node:path';
import { phaseTimes } from '../load/timings.js';
import { t, type Lang } from '../i18n/index.js';
import { setReadProgressSink } from '../read/progress.js';
import { consoleText } from '../report/console-text.js';
import type { WriteProgressListener } from '../report/workbook-writer.js';
import type { Io } from './io.js';

/**
 * One line of stderr on a terminal, redrawn at most five times a second; clear() removes it if it
 * was drawn. The text is made only when it is drawn.
 */
function statusLine(io: Io): { draw(text: () => string): void; clear(): void } {
  let last = 0;
  let shown = false;
  return {
    draw(text) {
      const now = performance.now();
      if (now - last < 200) return;
      last = now;
      io.stderr(`\r\u001b[2K${text()}`);
      shown = true;
    },
    clear() {
      if (shown) io.stderr('\r\u001b[2K');
      shown = false;
    },
  };
}

/**
 * Reading progress on a terminal's stderr: the file, the share of its bytes read and rows per
 * second, on one line (issue 5). Returns the function that clears the line and stops it. Never
 * used when stderr is not a terminal or under CI.
 */
export function showProgress(io: Io, lang: Lang): () => void {
  const line = statusLine(io);
  const started = new Map<string, { t: number; rows: number }>();
  setReadProgressSink((p) => {
    const now = performance.now();
    if (!started.has(p.file)) started.set(p.file, { t: now, rows: p.rows });
    line.draw(() => {
      const s = started.get(p.file)!;
      const seconds = (now - s.t) / 1000;
      const rate = seconds > 0 ? Math.round((p.rows - s.rows) / seconds) : 0;
      const percent = p.totalBytes ? Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100)) : 0;
      return consoleText(t(lang, 'ui', 'progress', { file: path.basename(p.file), percent, rows: p.rows, rate }));
    });
  });
  return () => {
    setReadProgressSink(null);
    line.clear();
  };
}

/**
 * Writing progress on a terminal's stderr: the report, the sheet being written and the share of
 * the report's rows written, on one line, as reading shows its own. `stop` clears the line.
 */
export function showWriteProgress(io: Io, lang: Lang, file: string): { onProgress: WriteProgressListener; stop: () => void } {
  const line = statusLine(io);
  return {
    onProgress: (rows, totalRows, sheet) =>
      line.draw(() => consoleText(t(lang, 'ui', 'writing', { file: path.basename(file), sheet, percent: totalRows ? Math.min(100, Math.floor((rows / totalRows) * 100)) : 100 }))),
    stop: () => line.clear(),
  };
}

/** One line of JSON on stderr for `--timings` (read by bench/run.ts): seconds per phase and the peak RSS. */
export function timingsLine(totalMs: number, peakRssMb?: number): string {
  const s = (ms: number | undefined) => Math.round((ms ?? 0) / 10) / 100;
  const p = phaseTimes();
  return `credit-audit timings ${JSON.stringify({ read: s(p.read), audit: s(p.audit), console: s(p.console), write: s(p.write), total: s(totalMs), ...(peakRssMb ? { peakRssMb } : {}) })}\n`;
}
