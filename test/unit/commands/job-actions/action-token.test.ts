import {
  ACTION_TOKEN_TTL_MS,
  createActionTokens,
} from '../../../../src/commands/job-actions/action-token.js';

const claims = {
  user: 'U1',
  jobUid: 'urn:veeam:Job:1',
  jobHref: 'https://em/api/jobs/1',
  jobName: 'Nightly',
  action: 'retry' as const,
  channel: 'C1',
};

describe('action tokens', () => {
  const tokens = createActionTokens('key-1');
  const now = 1_000_000;

  it('redeems a token once for its user before it expires', () => {
    const token = tokens.sign(claims, now);
    const first = tokens.redeem(token, 'U1', now + 1000);
    expect(first).toMatchObject({ ok: true, claims: { user: 'U1', action: 'retry', jobUid: claims.jobUid } });
    expect(tokens.redeem(token, 'U1', now + 2000)).toEqual({ ok: false, refusal: 'replayed' });
  });

  it('refuses another user, an expired token and a forged one', () => {
    expect(tokens.redeem(tokens.sign(claims, now), 'U2', now)).toEqual({ ok: false, refusal: 'other_user' });
    const late = tokens.sign(claims, now);
    expect(tokens.redeem(late, 'U1', now + ACTION_TOKEN_TTL_MS)).toEqual({ ok: false, refusal: 'expired' });
    const other = createActionTokens('key-2').sign(claims, now);
    expect(tokens.redeem(other, 'U1', now)).toEqual({ ok: false, refusal: 'forged' });
    const [body] = tokens.sign(claims, now).split('.');
    const tampered = `${Buffer.from(JSON.stringify({ ...claims, action: 'start' })).toString('base64url')}.${body}`;
    expect(tokens.redeem(tampered, 'U1', now)).toEqual({ ok: false, refusal: 'forged' });
    expect(tokens.redeem('garbage', 'U1', now)).toEqual({ ok: false, refusal: 'forged' });
  });
});
