import { randomInt, timingSafeEqual } from 'node:crypto';
import { systemContext, type UserAdmin } from '#commands';
import type { IdentityStore } from '#identity';
import { ApiError } from '../http/api-error.js';

/** no 0/O, 1/I/L: a code read from a log and typed by hand */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** wrong codes before the code is replaced by a new one (printed again) */
const MAX_ATTEMPTS = 10;

export interface FirstRunInput {
  code: string;
  tenantId: string;
  tenantName: string;
  email: string;
  name: string;
  password: string;
}

const normalise = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * The first start of an empty, non-demo deployment: a one-time setup code, printed in the server log, lets
 * whoever reads that log create the tenant and its first coordinator from the web app (`/setup`). A stranger
 * who reaches the page first cannot take the deployment without the code. Ten wrong codes replace it with a
 * new one. Each api process holds its own code (with several replicas, use the one in the log of the process
 * that answers, or `npm run cli -- create-admin`).
 */
export class FirstRun {
  private code: string | null = null;
  private attempts = 0;
  private completing = false;

  constructor(
    private readonly identity: IdentityStore,
    private readonly users: UserAdmin,
    private readonly log: (line: string) => void,
  ) {}

  /** at startup: a code when there is no account yet */
  async prepare(): Promise<void> {
    if ((await this.identity.countAccounts()) === 0) this.newCode();
  }

  /** the code waiting to be used (what the log printed), or null when the deployment is set up */
  get pendingCode(): string | null {
    return this.code;
  }

  async needed(): Promise<boolean> {
    if (this.code === null) return false;
    if ((await this.identity.countAccounts()) > 0) {
      // set up meanwhile (the CLI, another process): the code is void
      this.code = null;
      return false;
    }
    return true;
  }

  async complete(input: FirstRunInput): Promise<{ tenantId: string; userId: string; position: string }> {
    if (this.completing || !(await this.needed())) {
      throw new ApiError(409, 'SETUP.DONE', 'this deployment is already set up: log in');
    }
    const expected = Buffer.from(this.code!);
    const given = Buffer.from(normalise(input.code));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      this.attempts++;
      if (this.attempts >= MAX_ATTEMPTS) this.newCode();
      throw new ApiError(403, 'SETUP.INVALID_CODE', 'the setup code is not the one in the server log');
    }
    this.completing = true;
    try {
      const context = systemContext(input.tenantId);
      try {
        await this.users.createTenant(input.tenantId, input.tenantName, false, context);
      } catch (error) {
        // a tenant created earlier without any account (an interrupted setup): it gets its coordinator now
        const code = (error as { code?: unknown }).code;
        if (code !== 'TENANT.ALREADY_EXISTS') throw error;
      }
      const user = await this.users.register(
        { email: input.email, name: input.name, role: 'coordinator', password: input.password },
        context,
      );
      this.code = null;
      this.log(`first run: tenant ${input.tenantId} and its first coordinator ${input.email} created`);
      // the position of the last write: the web app's next reads wait for it (X-Min-Position)
      return { tenantId: input.tenantId, userId: user.id, position: user.position };
    } finally {
      this.completing = false;
    }
  }

  private newCode(): void {
    const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    this.code = chars;
    this.attempts = 0;
    this.log(
      `first run: no account exists yet. Open /setup in the web app and enter the one-time setup code ` +
        `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)} to create the city and its first coordinator`,
    );
  }
}
