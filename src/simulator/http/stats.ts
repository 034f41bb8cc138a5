/** The /_sim/stats answer. */
export interface StatsSnapshot {
  requests: {
    total: number;
    byRoute: Record<string, number>;
    byType: Record<string, number>;
    /** Answers by HTTP status (`"200"`, `"400"`, ...); tests check that no bot query was malformed. */
    byStatus: Record<string, number>;
  };
  bytes: { total: number; byRoute: Record<string, number> };
  logons: number;
  logoffs: number;
  activeTokens: number;
}

/** Request, byte and query-type counters for /api/ routes. */
export class Stats {
  private total = 0;
  private bytesTotal = 0;
  private byRoute = new Map<string, number>();
  private bytesByRoute = new Map<string, number>();
  private byType = new Map<string, number>();
  private byStatus = new Map<string, number>();

  /** Counts one request under a key like `GET /api/query`, and its query type if any. */
  request(route: string, type?: string): void {
    this.total++;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    if (type) this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
  }

  /** Counts one answer by its HTTP status. */
  status(code: number): void {
    this.byStatus.set(String(code), (this.byStatus.get(String(code)) ?? 0) + 1);
  }

  bytes(route: string, n: number): void {
    this.bytesTotal += n;
    this.bytesByRoute.set(route, (this.bytesByRoute.get(route) ?? 0) + n);
  }

  /**
   * Counts one control-API call (`POST /_sim/jobs`, ...) by route and bytes; kept out of `total` and
   * `bytes.total`, which measure the EM API traffic a client causes.
   */
  control(route: string, n: number): void {
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    this.bytesByRoute.set(route, (this.bytesByRoute.get(route) ?? 0) + n);
  }

  reset(): void {
    this.total = 0;
    this.bytesTotal = 0;
    this.byRoute.clear();
    this.bytesByRoute.clear();
    this.byType.clear();
    this.byStatus.clear();
  }

  snapshot(auth: { logons: number; logoffs: number; activeTokens: number }): StatsSnapshot {
    return {
      requests: {
        total: this.total,
        byRoute: Object.fromEntries(this.byRoute),
        byType: Object.fromEntries(this.byType),
        byStatus: Object.fromEntries(this.byStatus),
      },
      bytes: { total: this.bytesTotal, byRoute: Object.fromEntries(this.bytesByRoute) },
      ...auth,
    };
  }
}
