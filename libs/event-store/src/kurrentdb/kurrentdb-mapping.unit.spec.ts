import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import { START, comparePositions } from '../position.js';
import {
  fromKurrentPosition,
  toKurrentPosition,
  toStored,
  toStreamState,
  versionOfState,
} from './kurrentdb-event-store.js';

describe('KurrentDB adapter: what can be checked without a server', () => {
  it('maps (commit, prepare) positions to the port form and back, keeping the log order', () => {
    const positions = [
      { commit: 0n, prepare: 0n },
      { commit: 1n, prepare: 1n },
      { commit: 1024n, prepare: 1000n },
      { commit: 1024n, prepare: 1024n },
      { commit: 18_446_744_073_709_551_615n, prepare: 18_446_744_073_709_551_615n },
    ];
    const mapped = positions.map(fromKurrentPosition);
    expect(mapped[0]).toBe(START);
    expect([...mapped].sort(comparePositions)).toEqual(mapped);
    expect([...mapped].sort()).toEqual(mapped);
    expect(mapped.map(toKurrentPosition)).toEqual(positions);
  });

  it("maps the port's expected versions (1-based) to stream states (0-based revisions)", () => {
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState('stream_exists')).toBe(STREAM_EXISTS);
    expect(toStreamState(0)).toBe(NO_STREAM);
    expect(toStreamState(1)).toBe(0n);
    expect(toStreamState(12)).toBe(11n);
    expect(() => toStreamState(-1)).toThrow(RangeError);
    expect(() => toStreamState(1.5)).toThrow(RangeError);
  });

  it('reads the actual version of a conflict from the stream state', () => {
    expect(versionOfState(NO_STREAM)).toBe(0);
    expect(versionOfState(undefined)).toBe(0);
    expect(versionOfState(0n)).toBe(1);
    expect(versionOfState(41n)).toBe(42);
  });

  it('turns a recorded event into a stored one and leaves out system and binary events', () => {
    const recorded = {
      streamId: 'action-1',
      id: 'e1',
      isJson: true as const,
      revision: 4n,
      type: 'ActionNoteAdded',
      created: new Date('2026-01-02T03:04:05.000Z'),
      data: { actionId: '1', text: 'x' },
      metadata: {
        actorId: 'u',
        tenantId: 't',
        correlationId: 'c',
        causationId: null,
        occurredAt: '2026-01-02',
      },
      position: { commit: 77n, prepare: 70n },
    };
    expect(toStored({ event: recorded })).toEqual({
      id: 'e1',
      streamId: 'action-1',
      version: 5,
      position: fromKurrentPosition({ commit: 77n, prepare: 70n }),
      type: 'ActionNoteAdded',
      data: { actionId: '1', text: 'x' },
      metadata: recorded.metadata,
      recordedAt: '2026-01-02T03:04:05.000Z',
    });
    expect(toStored({ event: { ...recorded, type: '$metadata' } })).toBeNull();
    expect(toStored({ event: { ...recorded, streamId: '$stats-127.0.0.1:2113' } })).toBeNull();
    expect(toStored({ event: { ...recorded, isJson: false as never } })).toBeNull();
    expect(toStored({})).toBeNull();
  });
});
