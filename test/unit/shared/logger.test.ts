import { Writable } from 'node:stream';
import { createLogger } from '../../../src/shared/logger.js';

describe('createLogger', () => {
  it('writes JSON lines and blanks secrets wherever they appear', () => {
    let out = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString('utf8');
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        password: 'pw1',
        request: { headers: { authorization: 'Basic c3ZjOnB3Mg==' } },
        config: { VEEAM_PASSWORD: 'pw3' },
      },
      'hello',
    );
    logger.debug({}, 'not at info');
    const line = JSON.parse(out.trim()) as Record<string, unknown>;
    expect(line['msg']).toBe('hello');
    expect(out).not.toMatch(/pw1|c3ZjOnB3Mg|pw3|not at info/);
    expect(out).toContain('***');
  });
});
