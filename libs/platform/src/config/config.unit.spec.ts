import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database with the demo', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: null, demo: true, eventStore: 'postgres' });
  });

  it('never runs the demo against an external database unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@db/app' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@db/app', DEMO: 'true' }).demo).toBe(true);
  });

  it('reads the live channels settings: the Redis adapter and the replay limit', () => {
    expect(loadConfig({})).toMatchObject({ redisUrl: null, realtimeReplayLimit: 5000 });
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379', REALTIME_REPLAY_LIMIT: '200' })).toMatchObject({
      redisUrl: 'redis://cache:6379',
      realtimeReplayLimit: 200,
    });
    expect(() => loadConfig({ REDIS_URL: 'cache:6379' })).toThrow(/REDIS_URL must be a redis:\/\//);
    expect(() => loadConfig({ REALTIME_REPLAY_LIMIT: '0' })).toThrow(/REALTIME_REPLAY_LIMIT/);
  });

  it('selects the KurrentDB event store with its connection string, and refuses it without one', () => {
    expect(
      loadConfig({ EVENT_STORE: 'kurrentdb', EVENTSTORE_CONNECTION_STRING: 'kurrentdb://db:2113?tls=false' }),
    ).toMatchObject({ eventStore: 'kurrentdb', eventStoreConnectionString: 'kurrentdb://db:2113?tls=false' });
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });

  it('names every bad value at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        DEMO: 'maybe',
        JWT_SECRET: 'short',
        CORS_ORIGINS: 'not a url',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'DEMO', 'JWT_SECRET', 'CORS_ORIGINS'])
        expect(problems).toContain(name);
    }
  });

  it('refuses production without an external database, a JWT secret and a personal-data key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL is required[\s\S]*JWT_SECRET is required[\s\S]*PERSONAL_DATA_KEY is required/,
    );
  });
});
