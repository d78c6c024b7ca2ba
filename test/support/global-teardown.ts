export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __testDatabase?: { stop(): Promise<void> } }).__testDatabase;
  await state?.stop();
}
