import type { AddressInfo } from 'node:net';
import { createSimServer } from './http/server.js';
import { SimulatorCore } from './sim-core.js';
import { createCertificate } from './tls.js';
import type { RunningSimulator, SimulatorOptions } from './types.js';

export type * from './types.js';
/** The simulator's Portal Administrator logon (`operator`/`operator`), which may run job actions. */
export { OPERATOR_ACCOUNT } from './http/accounts.js';

const LIVE_TICK_MS = 250;

/** Starts the Veeam EM REST simulator; nothing runs until this is called. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const user = options.user ?? 'demo';
  const password = options.password ?? 'demo';
  const core = new SimulatorCore({
    seed: options.seed ?? 42,
    history: Math.max(0, Math.floor(options.history ?? 1000)),
    live: options.live ?? true,
    user,
    password,
    idleTimeoutMs: options.idleTimeoutMs ?? 15 * 60_000,
    publicBaseUrl: options.publicBaseUrl,
    clock: options.clock ?? {},
    replicaTaskTypo: options.replicaTaskTypo ?? false,
    jsonBom: options.jsonBom ?? false,
    refuseActionsWith: options.refuseActionsWith ?? 'task',
    actionLinksForEveryRole: options.actionLinksForEveryRole ?? false,
  });
  const cert = options.tls
    ? await createCertificate(host === '0.0.0.0' ? 'localhost' : host, options.certDir)
    : undefined;
  const server = createSimServer(core, cert);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `${cert ? 'https' : 'http'}://${shownHost}:${port}`;
  const ticker =
    options.live !== false && !options.clock?.manual
      ? setInterval(() => core.world.tick(core.clock.now()), LIVE_TICK_MS)
      : undefined;
  ticker?.unref();
  return {
    url: `${origin}/api/`,
    origin,
    ...(cert ? { caFile: cert.caFile } : {}),
    user,
    password,
    stop: async () => {
      if (ticker) clearInterval(ticker);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    clock: {
      now: () => core.clock.now(),
      advance: (ms) => core.clock.advance(ms),
      set: (ms) => core.clock.set(ms),
    },
    createSession: (spec) => core.createSession(spec, origin),
    updateSession: (id, patch) => core.updateSession(id, patch, origin),
    stats: () => core.statsSnapshot(),
    resetStats: () => core.resetStats(),
    setFaults: (spec) => void core.setFaults(spec),
    clearFaults: () => core.clearFaults(),
    reset: () => core.reset(),
    actions: () => core.actions.list(),
  };
}
