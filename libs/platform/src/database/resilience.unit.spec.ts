import pg from 'pg';
import { databaseFailureKind, guardPool } from './resilience.js';

const databaseError = (code: string, message = 'failed'): pg.DatabaseError =>
  Object.assign(new pg.DatabaseError(message, message.length, 'error'), { code });

describe('databaseFailureKind', () => {
  it.each([
    ['53100', 'storage'], // disk_full
    ['53200', 'storage'], // out_of_memory
    ['58030', 'storage'], // io_error
    ['57P01', 'connection'], // admin_shutdown (pg_terminate_backend)
    ['57P03', 'connection'], // cannot_connect_now (starting up)
    ['08006', 'connection'], // connection_failure
    ['53300', 'connection'], // too_many_connections
    ['23505', null], // a constraint: a bug or a rule, not the database being away
    ['40001', null],
  ])('SQLSTATE %s is %s', (code, kind) => {
    expect(databaseFailureKind(databaseError(code))).toBe(kind);
  });

  it('knows the socket errors and pg messages of a database that is away, also as a cause', () => {
    expect(
      databaseFailureKind(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe('connection');
    expect(databaseFailureKind(new Error('Connection terminated unexpectedly'))).toBe('connection');
    expect(databaseFailureKind(new Error('timeout exceeded when trying to connect'))).toBe('connection');
    expect(databaseFailureKind(new Error('wrapped', { cause: databaseError('53100') }))).toBe('storage');
    expect(databaseFailureKind(new Error('something else'))).toBeNull();
    expect(databaseFailureKind('not an error')).toBeNull();
  });
});

describe('guardPool', () => {
  it('keeps a lost connection, idle or checked out, from becoming an unhandled error', () => {
    const pool = guardPool(new pg.Pool(), () => undefined);
    const client = new pg.Client();
    pool.emit('connect', client);
    // an EventEmitter throws on 'error' without a listener: with the guard both are handled
    expect(() => client.emit('error', new Error('Connection terminated unexpectedly'))).not.toThrow();
    expect(() => pool.emit('error', new Error('terminating connection'), client)).not.toThrow();
    void pool.end();
  });
});
