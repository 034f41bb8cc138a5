import type { Db } from '../src/store/postgres/pg.js';

/** A Db that counts the SQL statements it sends, BEGIN and COMMIT included (and SET LOCAL when it sets one). */
export function countingDb(db: Db, statementsPerTransaction: number): Db & { statements(): number } {
  let statements = 0;
  return {
    async query(sql, params) {
      statements += 1;
      return db.query(sql, params);
    },
    transaction(work) {
      statements += statementsPerTransaction;
      return db.transaction((tx) =>
        work({
          query: (sql, params) => {
            statements += 1;
            return tx.query(sql, params);
          },
        }),
      );
    },
    end: () => db.end(),
    statements: () => statements,
  };
}
