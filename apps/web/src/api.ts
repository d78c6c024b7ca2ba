import i18next from 'i18next';
import { ERASED, type ApiErrorBody, type LoginAnswer, type User } from './types';

/** An answer >= 400 in the api's error shape (docs/errors.md); the UI translates it by `code`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface Session {
  accessToken: string;
  /** epoch ms when the access token expires */
  expiresAt: number;
  user: User;
}

/** a position as the api answers it (`<commit>-<sequence>`, comparable as text) */
const POSITION = /^\d{20}-\d{20}$/;

/** Not a secret: only says "this browser had a session", so a first visit does not try a refresh. */
const SIGNED_IN_KEY = 'spb.signedIn';
/** refresh this long before the access token expires */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The HTTP client. The access token lives in memory only; the refresh token is an HttpOnly cookie the api
 * sets (never readable by scripts), so a new tab or a reload restores the session with one refresh. The
 * access token is refreshed before it expires (one refresh at a time per tab; the api tolerates two tabs
 * refreshing at once), and error answers become ApiError.
 */
export class Api {
  private session: Session | null = null;
  /**
   * the position of this tab's latest write: sent as `X-Min-Position` with every later request, so what opens
   * after a write (the meeting just scheduled, the group just created) shows it even while the api's read
   * models are a moment behind (docs/api.md, "Reads")
   */
  private written = '';
  private refreshing: Promise<void> | null = null;
  private readonly listeners = new Set<(user: User | null) => void>();
  /** false until the first restore attempt finished: the app waits instead of showing the login page */
  restored = false;
  readonly ready: Promise<void>;

  constructor(private readonly storage: Storage | null = globalThis.localStorage ?? null) {
    this.ready = this.restore();
    // a logout in another tab ends the session in this one too
    globalThis.addEventListener?.('storage', (event: StorageEvent) => {
      if (event.key === SIGNED_IN_KEY && event.newValue === null) this.clear();
    });
  }

  /** true when this browser signed in before and has not signed out: a session restore is under way or done */
  signedInBefore(): boolean {
    return Boolean(this.storage?.getItem(SIGNED_IN_KEY));
  }

  get user(): User | null {
    return this.session?.user ?? null;
  }

  onUser(listener: (user: User | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async restore(): Promise<void> {
    try {
      if (this.storage?.getItem(SIGNED_IN_KEY)) await this.refresh();
    } catch {
      // no session to restore: the login page follows
    } finally {
      this.restored = true;
      for (const listener of this.listeners) listener(this.user);
    }
  }

  async login(email: string, password: string): Promise<User> {
    const answer = await this.request<LoginAnswer>('POST', '/api/auth/login', {
      body: { email, password },
      auth: false,
    });
    this.store(answer);
    this.storage?.setItem(SIGNED_IN_KEY, '1');
    return answer.user;
  }

  async logout(): Promise<void> {
    try {
      if (this.session) await this.request('POST', '/api/auth/logout', {});
    } catch {
      // the session ends here anyway
    }
    this.storage?.removeItem(SIGNED_IN_KEY);
    this.clear();
  }

  /** A valid access token, refreshed first when it is about to expire (also used by the live client). */
  async token(): Promise<string> {
    if (!this.session) throw new ApiError(401, 'AUTH.TOKEN_MISSING', 'not signed in');
    if (this.session.expiresAt - Date.now() < REFRESH_MARGIN_MS) await this.refresh();
    if (!this.session) throw new ApiError(401, 'AUTH.SESSION_ENDED', 'the session ended');
    return this.session.accessToken;
  }

  /** Trades the refresh cookie for a new access token (and a rotated cookie). */
  async refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = (async () => {
        try {
          const answer = await this.request<LoginAnswer>('POST', '/api/auth/refresh', {
            body: {},
            auth: false,
          });
          this.store(answer);
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) {
            this.storage?.removeItem(SIGNED_IN_KEY);
            this.clear();
          }
          throw error;
        }
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  get<T>(path: string, query: Record<string, string | number | undefined | null> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    const search = params.toString();
    return this.request<T>('GET', search ? `${path}?${search}` : path, {});
  }

  /** GET returning text (minutes as Markdown or HTML). */
  async text(path: string): Promise<string> {
    const response = await this.fetchAuthed('GET', path, {});
    return response.text();
  }

  /** GET returning a file (the minutes as PDF, the action list's download), with the session's token. */
  async blob(path: string): Promise<Blob> {
    const response = await this.fetchAuthed('GET', path, {});
    return response.blob();
  }

  /**
   * A write. `version` is the aggregate version the user saw: it goes as If-Match, so a change by someone
   * else in the meantime answers 409 instead of being overwritten.
   */
  write<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    options: { version?: number; meetingId?: string } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (options.version !== undefined) headers['If-Match'] = `"${options.version}"`;
    if (options.meetingId) headers['X-Meeting-Id'] = options.meetingId;
    return this.request<T>(method, path, { body, headers }).then((answer) => this.remember(answer));
  }

  /** keeps the latest write position of an answer (a write result carries `position`) */
  private remember<T>(answer: T): T {
    const position = (answer as { position?: unknown } | undefined)?.position;
    if (typeof position === 'string' && POSITION.test(position) && position > this.written)
      this.written = position;
    return answer;
  }

  /**
   * A request without the session (the first-run setup, an invitation link, the public plan page): no token,
   * no refresh, and an answer >= 400 becomes an ApiError like every other.
   */
  anonymous<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    return this.request<T>(method, path, { body, auth: false }).then((answer) => this.remember(answer));
  }

  /** a multipart/form-data POST (a file upload); the browser sets the content type with its boundary */
  async postForm<T>(path: string, form: FormData): Promise<T> {
    const response = await this.fetchAuthed('POST', path, { form });
    return this.remember(await readJson<T>(response));
  }

  private async request<T>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; auth?: boolean },
  ): Promise<T> {
    const response = await this.fetchAuthed(method, path, options);
    if (response.status === 204) return undefined as T;
    return readJson<T>(response);
  }

  private async fetchAuthed(
    method: string,
    path: string,
    options: { body?: unknown; form?: FormData; headers?: Record<string, string>; auth?: boolean },
    retried = false,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.auth !== false) {
      headers.Authorization = `Bearer ${await this.token()}`;
      if (this.written) headers['X-Min-Position'] = this.written;
    }
    const response = await fetch(path, {
      method,
      headers,
      // the refresh cookie goes to /api/auth on this origin only (SameSite=Strict, HttpOnly)
      credentials: 'same-origin',
      body: options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    });
    if (response.ok) return response;
    let body: Partial<ApiErrorBody> = {};
    try {
      body = (await response.json()) as ApiErrorBody;
    } catch {
      // not JSON (a proxy's error page): keep the status
    }
    const code = body.code ?? `HTTP.${response.status}`;
    if (response.status === 401 && options.auth !== false) {
      if (code === 'AUTH.TOKEN_EXPIRED' && !retried && this.session) {
        await this.refresh();
        return this.fetchAuthed(method, path, options, true);
      }
      this.clear();
    }
    throw new ApiError(response.status, code, body.message ?? response.statusText, body.details);
  }

  private store(answer: LoginAnswer): void {
    this.session = {
      accessToken: answer.accessToken,
      expiresAt: Date.now() + answer.expiresIn * 1000,
      user: answer.user,
    };
    for (const listener of this.listeners) listener(this.session.user);
  }

  private clear(): void {
    const had = this.session !== null;
    this.session = null;
    this.written = '';
    if (had) for (const listener of this.listeners) listener(null);
  }
}

export const api = new Api();

/**
 * A JSON answer, with an erased person's data (`[erased]` in API data, docs/privacy.md) as "gewist" / "erased"
 * in the language of the moment: one place, so every page shows it without knowing about erasure.
 */
async function readJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  return JSON.parse(text, (_key, value: unknown) =>
    value === ERASED ? i18next.t('erasure.erased', { ns: 'app' }) : value,
  ) as T;
}
