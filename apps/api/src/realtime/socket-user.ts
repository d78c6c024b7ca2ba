import type { Role } from '../auth/roles.js';

/** The authenticated person behind a socket (from the handshake's access token). */
export interface SocketUser {
  id: string;
  name: string;
  tenantId: string;
  role: Role;
  partnerId: string | null;
  sessionId: string;
  /** when the access token expires (ms since epoch) */
  expiresAt: number;
}
