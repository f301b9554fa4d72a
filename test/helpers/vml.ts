import { expect } from 'vitest';

/**
 * Each notes drawing's shape ids lie in the id blocks its `<o:idmap data>` lists, and no block or
 * id is another drawing's: Excel calls a workbook whose drawings share them damaged
 * (exceljs/exceljs#3070). `drawings`: each drawing's name and VML text.
 */
export function expectOwnShapeIds(drawings: Array<[name: string, vml: string]>): void {
  const blocksSeen = new Set<number>();
  const idsSeen = new Set<number>();
  for (const [name, vml] of drawings) {
    const blocks = /<o:idmap [^>]*data="([\d,]+)"/.exec(vml)![1]!.split(',').map(Number);
    for (const b of blocks) {
      expect(blocksSeen.has(b), `${name}: block ${b}`).toBe(false);
      blocksSeen.add(b);
    }
    const ids = [...vml.matchAll(/id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids.length, `${name}: shapes`).toBeGreaterThan(0);
    for (const id of ids) {
      expect(blocks, `${name}: id ${id}`).toContain(Math.floor(id / 1024));
      expect(idsSeen.has(id), `${name}: id ${id}`).toBe(false);
      idsSeen.add(id);
    }
  }
}
