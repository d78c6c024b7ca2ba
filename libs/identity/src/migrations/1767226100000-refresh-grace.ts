import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The refresh token a rotation just replaced, for a short grace: two tabs of one browser that refresh at the
 * same moment both present it, and the second must not end the session as if the token had been stolen.
 */
export class RefreshGrace1767226100000 implements MigrationInterface {
  name = 'RefreshGrace1767226100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `alter table auth_sessions add column previous_hash text, add column previous_until timestamptz`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table auth_sessions drop column previous_hash, drop column previous_until`);
  }
}
