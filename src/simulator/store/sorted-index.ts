/**
 * Session ids kept sorted by a numeric key read from the column store (ties by id), so range queries
 * cost O(log n + matches). The key must not change while an id is inside: remove, mutate, insert.
 */
export class SortedIndex {
  ids: number[] = [];

  constructor(private readonly key: (id: number) => number) {}

  get size(): number {
    return this.ids.length;
  }

  private before(a: number, b: number): boolean {
    const ka = this.key(a);
    const kb = this.key(b);
    return ka < kb || (ka === kb && a < b);
  }

  /** Position of the first id not before `id`. */
  private positionOf(id: number): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(this.ids[mid] as number, id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Appends without checking order; call `sort()` after a bulk load. */
  push(id: number): void {
    this.ids.push(id);
  }

  /** Restores the order after bulk pushes. */
  sort(): void {
    this.ids.sort((a, b) => this.key(a) - this.key(b) || a - b);
  }

  insert(id: number): void {
    const n = this.ids.length;
    if (n === 0 || this.before(this.ids[n - 1] as number, id)) this.ids.push(id);
    else this.ids.splice(this.positionOf(id), 0, id);
  }

  remove(id: number): void {
    const at = this.positionOf(id);
    if (this.ids[at] === id) this.ids.splice(at, 1);
    else {
      const i = this.ids.indexOf(id);
      if (i >= 0) this.ids.splice(i, 1);
    }
  }

  /** First position whose key is >= k (or > k when `strict`). */
  lowerBound(k: number, strict: boolean): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.key(this.ids[mid] as number);
      if (v < k || (strict && v === k)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Ids with key in the given bounds, in key order. */
  range(lo: number, loStrict: boolean, hi: number, hiStrict: boolean): number[] {
    const start = lo === -Infinity ? 0 : this.lowerBound(lo, loStrict);
    const end = hi === Infinity ? this.ids.length : this.lowerBound(hi, !hiStrict);
    return end > start ? this.ids.slice(start, end) : [];
  }

  /** How many ids `range` would return, without copying. */
  count(lo: number, loStrict: boolean, hi: number, hiStrict: boolean): number {
    const start = lo === -Infinity ? 0 : this.lowerBound(lo, loStrict);
    const end = hi === Infinity ? this.ids.length : this.lowerBound(hi, !hiStrict);
    return Math.max(0, end - start);
  }
}
