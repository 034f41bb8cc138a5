import type { RunningSimulator } from '../../../src/simulator/index.js';
import { apiGet, control, logon, startTestSim } from './sim-helpers.js';

let sim: RunningSimulator;
let token: string;
beforeEach(async () => {
  sim = await startTestSim({ history: 100 });
  token = await logon(sim);
});
afterEach(() => sim.stop());

describe('fault injection', () => {
  it('answers the next N requests with a status, then recovers; never touches /_sim/', async () => {
    expect((await control(sim, 'POST', 'faults', { status: 503, count: 2 })).status).toBe(200);
    const first = await apiGet(sim, 'jobs', token);
    expect(first.status).toBe(503);
    expect(first.text).toContain('StatusCode="503"');
    expect((await control(sim, 'GET', 'stats')).status).toBe(200);
    expect((await apiGet(sim, 'jobs', token)).status).toBe(503);
    expect((await apiGet(sim, 'jobs', token)).status).toBe(200);
  });

  it('applies a ratio and a path filter', async () => {
    sim.setFaults({ status: 500, ratio: 1, paths: '^/api/query' });
    expect((await apiGet(sim, 'query?type=Job', token)).status).toBe(500);
    expect((await apiGet(sim, 'jobs', token)).status).toBe(200);
    sim.setFaults({ status: 500, ratio: 0 });
    expect((await apiGet(sim, 'query?type=Job', token)).status).toBe(200);
    await control(sim, 'DELETE', 'faults');
    expect((await apiGet(sim, 'query?type=Job', token)).status).toBe(200);
  });

  it('adds latency', async () => {
    sim.setFaults({ latencyMs: 150 });
    const started = Date.now();
    expect((await apiGet(sim, 'jobs', token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('expires all tokens at once', async () => {
    await control(sim, 'POST', 'faults', { expireTokens: true });
    expect((await apiGet(sim, 'jobs', token)).status).toBe(401);
  });

  it('sends malformed XML', async () => {
    sim.setFaults({ malformed: true, count: 1 });
    const res = await apiGet(sim, 'jobs', token);
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/<\/EntityReferences>\s*$/);
  });

  it('resets the connection', async () => {
    sim.setFaults({ reset: true, count: 1 });
    await expect(fetch(`${sim.url}jobs`, { headers: { 'X-RestSvcSessionId': token } })).rejects.toThrow();
    expect((await apiGet(sim, 'jobs', token)).status).toBe(200);
  });

  it('refuses bad fault specs with 400', async () => {
    const res = await control(sim, 'POST', 'faults', { status: 'x' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/status/);
    expect((await control(sim, 'POST', 'faults', { paths: '(' })).status).toBe(400);
  });
});
