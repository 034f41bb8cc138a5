import { createCapturingLogger } from '../../helpers/capture-logger.js';

describe('createLogger', () => {
  it('writes JSON lines and blanks secrets wherever they appear', () => {
    const { logger, text } = createCapturingLogger('info');
    logger.info(
      {
        password: 'pw1',
        request: { headers: { authorization: 'Basic c3ZjOnB3Mg==' } },
        config: { VEEAM_PASSWORD: 'pw3' },
      },
      'hello',
    );
    logger.debug({}, 'not at info');
    const out = text();
    const line = JSON.parse(out.trim()) as Record<string, unknown>;
    expect(line['msg']).toBe('hello');
    expect(out).not.toMatch(/pw1|c3ZjOnB3Mg|pw3|not at info/);
    expect(out).toContain('***');
  });
});
