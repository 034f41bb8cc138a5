import { checkState } from '../../../src/doctor/state-checks.js';
import { createTestDatabase } from '../../helpers/postgres.js';

describe('doctor: the Database check names the server version', () => {
  it('prints the PostgreSQL version it connected to, not "unknown"', async () => {
    const database = await createTestDatabase();
    try {
      const [connected] = await checkState({
        connectionString: database.url,
        sslMode: undefined,
        caFile: undefined,
        leaseTtlMs: 15_000,
      });
      expect(connected?.detail).toMatch(/^connected \(PostgreSQL \d+(\.\d+)*/);
    } finally {
      await database.drop();
    }
  });
});
