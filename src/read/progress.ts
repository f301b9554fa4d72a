/**
 * Reading progress, for the terminal only (issue 5: rows per second and the share of bytes read,
 * on stderr). Readers report here; the CLI installs a sink when stderr is a terminal, so nothing
 * is computed for CI or pipes beyond one null check per chunk.
 */
export interface ReadProgress {
  file: string;
  /** Bytes of sheet XML (or file) read so far, and in all. */
  bytes: number;
  totalBytes: number;
  rows: number;
}

let sink: ((p: ReadProgress) => void) | null = null;

export function setReadProgressSink(fn: ((p: ReadProgress) => void) | null): void {
  sink = fn;
}

export function reportReadProgress(file: string, bytes: number, totalBytes: number, rows: number): void {
  if (sink) sink({ file, bytes, totalBytes, rows });
}

export function hasReadProgressSink(): boolean {
  return sink !== null;
}
