import { startSimulator } from '../index.js';

/**
 * Measures startup time, memory and query latency at a given history size:
 * `npm run build && node --expose-gc dist/simulator/bench/measure-scale.js 1000000`.
 * Not part of the test suite (the 1M case takes a few seconds and ~0.5 GB).
 */
async function main(): Promise<void> {
  const history = Number(process.argv[2] ?? 1_000_000);
  const startTime = Date.parse('2025-11-20T12:00:00Z');
  const t0 = performance.now();
  const sim = await startSimulator({ history, live: true, clock: { startTime } });
  const startupMs = performance.now() - t0;
  (globalThis as { gc?: () => void }).gc?.();
  const rssAfterStart = process.memoryUsage().rss;
  const auth = `Basic ${Buffer.from(`${sim.user}:${sim.password}`).toString('base64')}`;
  const logon = await fetch(`${sim.url}sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: auth },
  });
  const token = logon.headers.get('x-restsvcsessionid') ?? '';
  const recent = new Date(startTime - 2 * 3_600_000).toISOString();
  const queries: Record<string, string> = {
    newest10OfOneJob:
      'query?type=BackupJobSession&format=Entities&filter=JobName=="Fileserver Backup"&sortDesc=CreationTime&pageSize=10&page=1',
    recentProblems: `query?type=BackupJobSession&format=Entities&filter=EndTime>="${recent}";Result>=Warning&sortDesc=EndTime&pageSize=100&page=1`,
    recentTaskProblems: `query?type=BackupTaskSession&format=Entities&filter=EndTime>="${recent}";Result>=Warning&sortDesc=EndTime&pageSize=100&page=1`,
    vmTaskHistory:
      'query?type=BackupTaskSession&format=Entities&filter=VmDisplayName=="apache02"&sortDesc=CreationTime&pageSize=3&page=1',
    collection30Days: 'backupSessions',
    vmRestorePointsLastHour: `query?type=VmRestorePoint&format=Entities&filter=CreationTime>="${new Date(startTime - 3_600_000).toISOString()}"&sortDesc=CreationTime`,
    vmRestorePointsLastDay: `query?type=VmRestorePoint&filter=CreationTime>="${new Date(startTime - 86_400_000).toISOString()}"&pageSize=1000`,
    staleJobs: `query?type=Job&format=Entities&filter=NextRun<"${new Date(startTime).toISOString()}"`,
  };
  const results: Record<string, { medianMs: number; bytes: number }> = {};
  for (const [name, path] of Object.entries(queries)) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      const res = await fetch(`${sim.url}${path}`, { headers: { 'X-RestSvcSessionId': token } });
      bytes = (await res.text()).length;
      if (i > 1) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    results[name] = { medianMs: Math.round((times[Math.floor(times.length / 2)] ?? 0) * 10) / 10, bytes };
  }
  const report = {
    history,
    node: process.version,
    startupMs: Math.round(startupMs),
    rssAfterStartMB: Math.round(rssAfterStart / 1_048_576),
    rssAfterQueriesMB: Math.round(process.memoryUsage().rss / 1_048_576),
    queries: results,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await sim.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
