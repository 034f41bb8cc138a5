import type { CommandDeps } from '../../../../../src/commands/types.js';
import type { RunningSimulator } from '../../../../../src/simulator/index.js';
import { NOT_ALLOWED_TEXT } from '../../../../../src/slack/access.js';
import {
  createVeeamCommandListener,
  type CommandArgs,
} from '../../../../../src/slack/listeners/commands/veeam-command.js';
import { createFakes, startCommandDeps } from '../listener-fakes.js';

const OPEN = { allowedChannels: undefined, allowedUsers: undefined };
let sim: RunningSimulator;
let deps: CommandDeps;
beforeAll(async () => {
  ({ sim, deps } = await startCommandDeps());
});
afterAll(async () => {
  await deps.client.close();
  await sim.stop();
});

function command(fakes: ReturnType<typeof createFakes>, text: string, userId = 'U1'): CommandArgs {
  return {
    ack: fakes.ack,
    respond: fakes.respond,
    command: { text, user_id: userId, channel_id: 'C1' },
  } as never;
}

describe('the /veeam listener', () => {
  it('acks first, then answers ephemerally with the command’s view', async () => {
    const fakes = createFakes();
    await createVeeamCommandListener(deps, OPEN, fakes.queue)(command(fakes, 'help'));
    expect(fakes.events.map((e) => e.kind)).toEqual(['ack', 'respond']);
    const [reply] = fakes.responses();
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(reply?.blocks?.length).toBeGreaterThan(0);
  });

  it('answers a mistake with the one-line error view', async () => {
    const fakes = createFakes();
    await createVeeamCommandListener(deps, OPEN, fakes.queue)(command(fakes, 'frobnicate'));
    expect(
      (fakes.responses()[0]?.blocks as Array<{ block_id?: string }>).some((b) => b.block_id === 'error'),
    ).toBe(true);
  });

  it('refuses a user outside ALLOWED_USERS without running the command', async () => {
    const fakes = createFakes();
    await createVeeamCommandListener(
      deps,
      { ...OPEN, allowedUsers: ['U1'] },
      fakes.queue,
    )(command(fakes, 'help', 'U9'));
    expect(fakes.responses()).toEqual([{ response_type: 'ephemeral', text: NOT_ALLOWED_TEXT }]);
  });
});
