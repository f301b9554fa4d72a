import type { RawRow } from '../read/types.js';
import { hangzhouExport } from './hangzhou-export.js';
import { puerForm } from './puer-form.js';
import { recordsShape } from './records.js';
import type { Detection, Shape } from './types.js';

/** Every input layout the tool reads; detection picks the best-scoring one. */
// Order breaks ties: a sheet that is both a Hangzhou export and a generic records sheet stays an export.
export const SHAPES: Shape[] = [puerForm, hangzhouExport, recordsShape];

/** Below this share of a shape's required labels, a sheet is not that shape. */
export const MIN_SHAPE_SCORE = 0.5;

/** How many rows from the top a header may start at (issue: find the header in the first 30). */
export const HEADER_SEARCH_ROWS = 30;

export function detectShape(head: RawRow[], forced?: string): { shape: Shape; detection: Detection } | null {
  let best: { shape: Shape; detection: Detection } | null = null;
  for (const shape of SHAPES) {
    if (forced && shape.id !== forced) continue;
    const detection = shape.detect(head);
    if (detection && detection.score >= MIN_SHAPE_SCORE && (!best || detection.score > best.detection.score)) {
      best = { shape, detection };
    }
  }
  return best;
}

/** The header-looking labels of the first rows, for the message when no shape matches. */
export function labelsFound(head: RawRow[]): string[] {
  let best: string[] = [];
  for (const shape of SHAPES) {
    const d = shape.detect(head);
    if (d && d.labels.length > best.length) best = d.labels;
  }
  if (best.length) return best;
  const widest = [...head].sort((a, b) => b.cells.filter((c) => c !== null).length - a.cells.filter((c) => c !== null).length)[0];
  return (widest?.cells ?? []).filter((c) => c !== null).map(String).slice(0, 20);
}

/**
 * The shape a sheet that matched none comes closest to, and what it lacks: for the message that
 * tells a person how to fix their header (fewest missing labels; ties keep SHAPES' order).
 */
export function nearestShape(head: RawRow[]): { shape: Shape; missing: string[] } {
  let best: { shape: Shape; missing: string[] } | null = null;
  for (const shape of SHAPES) {
    const missing = shape.missingLabels?.(head) ?? shape.requiredLabels;
    if (!best || missing.length < best.missing.length) best = { shape, missing };
  }
  return best!;
}
