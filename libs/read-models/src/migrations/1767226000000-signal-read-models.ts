import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner signals (projection `signals`, ../signals/projection.ts): one row per signal with where
 * it stands, and its own history. The action history (projection `action-history`) also shows the events of
 * the signals concerning an action: one signal event may then be a row in several actions' histories, so
 * that table's key becomes (position, action_id), and the projection remembers which actions a signal
 * concerns (`rm_action_history_signals`).
 */
export class SignalReadModels1767226000000 implements MigrationInterface {
  readonly name = 'SignalReadModels1767226000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table rm_signals (
        tenant_id text not null,
        id text not null,
        status text not null,
        urgency text not null,
        partner_id text,
        source text,
        text text not null,
        theme_ids text[] not null,
        action_ids text[] not null,
        meeting_ids text[] not null,
        answered boolean not null,
        response text,
        escalated_to text,
        escalation_text text,
        close_reason text,
        submitted_by text not null,
        version integer not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        last_position text not null,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(
      `create index rm_signals_updated_idx on rm_signals (tenant_id, updated_at desc, id)`,
    );
    await queryRunner.query(`create index rm_signals_partner_idx on rm_signals (tenant_id, partner_id)`);
    await queryRunner.query(`
      create table rm_signal_history (
        position text primary key,
        tenant_id text not null,
        signal_id text not null,
        version integer not null,
        type text not null,
        occurred_at timestamptz not null,
        actor_id text not null,
        meeting_id text,
        data json not null
      )`);
    await queryRunner.query(
      `create index rm_signal_history_signal_idx on rm_signal_history (tenant_id, signal_id, version)`,
    );
    await queryRunner.query(`
      create table rm_action_history_signals (
        tenant_id text not null,
        signal_id text not null,
        action_ids text[] not null,
        primary key (tenant_id, signal_id)
      )`);
    await queryRunner.query(`alter table rm_action_history drop constraint rm_action_history_pkey`);
    await queryRunner.query(`alter table rm_action_history add primary key (position, action_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`delete from rm_action_history where type like 'Signal%'`);
    await queryRunner.query(`alter table rm_action_history drop constraint rm_action_history_pkey`);
    await queryRunner.query(`alter table rm_action_history add primary key (position)`);
    for (const table of ['rm_action_history_signals', 'rm_signal_history', 'rm_signals']) {
      await queryRunner.query(`drop table if exists ${table}`);
    }
  }
}
