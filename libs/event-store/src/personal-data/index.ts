import type pg from 'pg';
import type { EventStore } from '../event-store.port.js';
import { PersonalDataCodec } from './codec.js';
import { MasterKey } from './envelope.js';
import { PersonalDataKeys } from './key-store.js';
import { PersonalDataEventStore } from './personal-data-event-store.js';
import type { PersonalDataPolicy } from './policy.js';

export * from './policy.js';
export * from './envelope.js';
export * from './key-store.js';
export * from './codec.js';
export * from './personal-data-event-store.js';

export interface PersonalDataSetup {
  /** the database of the key table (`personal_data_keys`) */
  pool: Pick<pg.Pool, 'query'>;
  /** the master secret the subjects' keys are wrapped with */
  masterSecret: string;
  policy: PersonalDataPolicy;
}

/** `store` with encryption of personal fields on append and decryption (or the erased marker) on read. */
export function protectPersonalData(store: EventStore, setup: PersonalDataSetup): PersonalDataEventStore {
  const keys = new PersonalDataKeys(setup.pool, new MasterKey(setup.masterSecret));
  return new PersonalDataEventStore(store, new PersonalDataCodec(setup.policy, keys));
}
