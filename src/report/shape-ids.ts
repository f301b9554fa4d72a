import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * The notes' shape ids, unique in the workbook. Excel gives each drawing part blocks of 1 024 ids
 * of its own, listed in the part's `<o:idmap data="…">` (ISO/IEC 29500-1 §14.2.2.14): a part that
 * reuses another's blocks makes Excel report the file as damaged and offer to repair it, as
 * exceljs's files with notes on two sheets do (exceljs/exceljs#3070). A report's 教师 split into
 * parts (教师, 教师 (2), …) has notes in each, and an annotated copy may have notes on several
 * sheets. Laid out as Excel and XlsxWriter do: the drawing whose first block is b holds ids from
 * 1 024·b + 1, and ⌊notes / 1 024⌋ + 1 blocks.
 */
export class ShapeIds {
  private block = 1;

  /** The ids of a drawing of `notes` notes: its first id and its idmap's blocks. */
  next(notes: number): { first: number; idmap: string } {
    const blocks = Math.floor(notes / 1024) + 1;
    const first = this.block * 1024 + 1;
    const idmap = Array.from({ length: blocks }, (_, i) => this.block + i).join(',');
    this.block += blocks;
    return { first, idmap };
  }
}

/**
 * A workbook exceljs wrote, its notes' drawings given shape ids of their own (ShapeIds): exceljs
 * writes every drawing with the first block (`data="1"`, ids from 1025). The workbook as it was
 * when no drawing changes.
 */
export function ownShapeIds(xlsx: Uint8Array): Uint8Array {
  const parts = unzipSync(xlsx);
  const drawings = Object.keys(parts)
    .map((name) => ({ name, n: /^xl\/drawings\/vmlDrawing(\d+)\.vml$/.exec(name)?.[1] }))
    .filter((d): d is { name: string; n: string } => d.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n));
  const ids = new ShapeIds();
  let changed = false;
  for (const { name } of drawings) {
    const vml = strFromU8(parts[name]!);
    const { first, idmap } = ids.next((vml.match(SHAPE_ID) ?? []).length);
    let k = 0;
    const renumbered = vml.replace(IDMAP, `$1${idmap}$2`).replace(SHAPE_ID, () => `id="_x0000_s${first + k++}"`);
    if (renumbered !== vml) {
      parts[name] = strToU8(renumbered);
      changed = true;
    }
  }
  return changed ? zipSync(parts, { level: 6 }) : xlsx;
}

const SHAPE_ID = /\bid="_x0000_s\d+"/g;
const IDMAP = /(<o:idmap\b[^>]*\bdata=")[^"]*(")/;
