// The realtime protocol (docs/realtime.md) and its typed client, shared by tests, benchmark and the web app.
export * from './protocol.js';
export * from './live-client.js';
