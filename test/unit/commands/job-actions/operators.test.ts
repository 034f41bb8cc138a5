import { createJobOperators } from '../../../../src/commands/job-actions/operators.js';
import { createManualClock } from '../../../../src/shared/clock.js';
import { silentLogger } from '../../../../src/shared/logger.js';

describe('job action operators', () => {
  it('lets nobody act when OPERATORS is unset or empty', async () => {
    const clock = createManualClock(0);
    const none = createJobOperators({ operators: undefined, clock, logger: silentLogger });
    expect(await none.isOperator('U1')).toBe(false);
    expect(none.whoToAsk).toContain('nobody');
    expect(await createJobOperators({ operators: [], clock, logger: silentLogger }).isOperator('U1')).toBe(
      false,
    );
  });

  it('expands user groups once per five minutes', async () => {
    const clock = createManualClock(0);
    const asked: string[] = [];
    let members = ['U2'];
    const ops = createJobOperators({
      operators: ['U1', 'S1'],
      members: async (group) => {
        asked.push(group);
        return members;
      },
      clock,
      logger: silentLogger,
    });
    expect(await ops.isOperator('U1')).toBe(true);
    expect(await ops.isOperator('U2')).toBe(true);
    members = ['U3'];
    expect(await ops.isOperator('U3')).toBe(false);
    clock.advance(5 * 60_000);
    expect(await ops.isOperator('U3')).toBe(true);
    expect(asked).toEqual(['S1', 'S1']);
    expect(ops.whoToAsk).toBe('<@U1>, <!subteam^S1>');
  });
});
