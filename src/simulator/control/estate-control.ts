import type { SimulatorCore } from '../sim-core.js';
import type { ControlReply, Handler } from './control-api.js';
import { createJob, patchJob } from './jobs.js';
import { upsertRepository } from './repositories.js';

function withContext(
  core: SimulatorCore,
  origin: string,
  run: (now: number, base: string) => ControlReply,
): ControlReply {
  const ctx = core.renderContext(origin);
  return run(ctx.now, ctx.base);
}

/** `/_sim/jobs`, `/_sim/jobs/{name or id}` and `/_sim/repositories` (docs/simulator.md, "Control API"). */
export const ESTATE_CONTROL_ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  jobs: {
    POST: (core, body, origin) =>
      withContext(core, origin, (now, base) => ({
        status: 201,
        json: createJob(core.world, body, now, base),
      })),
  },
  'jobs/:id': {
    POST: (core, body, origin, id) =>
      withContext(core, origin, (now, base) => ({
        status: 200,
        json: patchJob(core.world, id ?? '', body, now, base),
      })),
  },
  repositories: {
    POST: (core, body, origin) =>
      withContext(core, origin, (_now, base) => {
        const { created, ...json } = upsertRepository(core.world, body, base);
        return { status: created ? 201 : 200, json };
      }),
  },
};
