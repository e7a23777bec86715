/** Cells as one number each (sheet, row, column), for maps and sets over thousands of cells. */
const ROWS = 1_048_576;
const COLUMNS = 16_384;

export function cellKey(sheet: number, row: number, column: number): number {
  return (sheet * ROWS + row) * COLUMNS + column;
}

export function keyCell(key: number): { sheet: number; row: number; column: number } {
  const column = key % COLUMNS;
  const rest = (key - column) / COLUMNS;
  const row = rest % ROWS;
  return { sheet: (rest - row) / ROWS, row, column };
}

/** A rectangle of cells on one sheet, 0-based and inclusive. */
export interface Area {
  readonly sheet: number;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function contains(area: Area, sheet: number, row: number, column: number): boolean {
  return area.sheet === sheet && row >= area.top && row <= area.bottom && column >= area.left && column <= area.right;
}

export function cellsOf(area: Area): number[] {
  const keys: number[] = [];
  for (let row = area.top; row <= area.bottom; row++)
    for (let column = area.left; column <= area.right; column++) keys.push(cellKey(area.sheet, row, column));
  return keys;
}

const BUCKET = 64;
/** Precedent areas wider than this many buckets are checked against every changed cell of their sheet instead. */
const MAX_BUCKETS = 64;

/**
 * Which formulas read a given cell: each formula's precedent areas filed under the 64×64 blocks
 * they touch (whole-column references in a per-sheet list), so following a change through
 * thousands of formulas costs a few lookups per changed cell.
 */
export class PrecedentIndex<T> {
  private readonly buckets = new Map<number, { area: Area; item: T }[]>();
  private readonly wide = new Map<number, { area: Area; item: T }[]>();

  add(area: Area, item: T): void {
    const rows = Math.floor(area.bottom / BUCKET) - Math.floor(area.top / BUCKET) + 1;
    const columns = Math.floor(area.right / BUCKET) - Math.floor(area.left / BUCKET) + 1;
    if (rows * columns > MAX_BUCKETS) {
      const list = this.wide.get(area.sheet) ?? [];
      list.push({ area, item });
      this.wide.set(area.sheet, list);
      return;
    }
    for (let r = Math.floor(area.top / BUCKET); r <= Math.floor(area.bottom / BUCKET); r++) {
      for (let c = Math.floor(area.left / BUCKET); c <= Math.floor(area.right / BUCKET); c++) {
        const key = cellKey(area.sheet, r, c);
        const list = this.buckets.get(key) ?? [];
        list.push({ area, item });
        this.buckets.set(key, list);
      }
    }
  }

  /** Items with a precedent area containing the cell. */
  readers(sheet: number, row: number, column: number): T[] {
    const found: T[] = [];
    const bucket = this.buckets.get(cellKey(sheet, Math.floor(row / BUCKET), Math.floor(column / BUCKET))) ?? [];
    for (const entry of [...bucket, ...(this.wide.get(sheet) ?? [])]) if (contains(entry.area, sheet, row, column)) found.push(entry.item);
    return found;
  }
}
