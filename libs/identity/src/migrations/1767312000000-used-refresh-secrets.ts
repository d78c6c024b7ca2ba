import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hashes of a session's refresh secrets that were already traded in. Only such a secret, presented
 * again, is a reuse that ends the session; a secret that never belonged to it (a guess, junk) is merely
 * invalid and must not let anyone who knows a session id end someone else's session.
 */
export class UsedRefreshSecrets1767312000000 implements MigrationInterface {
  name = 'UsedRefreshSecrets1767312000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `alter table auth_sessions add column used_refresh_hashes text[] not null default '{}'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('alter table auth_sessions drop column used_refresh_hashes');
  }
}
