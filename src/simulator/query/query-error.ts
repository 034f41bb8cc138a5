/** A bad query (unknown type or field, bad value, bad paging); routes answer it with 400 (docs/em-protocol.md, "Status of a malformed query"). */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}
