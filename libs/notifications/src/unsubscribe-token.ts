import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one-click unsubscribe link's token: `<tenant>.<user>.<signature>`, the signature an HMAC-SHA256 of
 * tenant and user under a key derived from the server's secret. It needs no login and does one thing (set
 * the person's mail preference to "none"); it does not expire, like the links of every mailing list.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('notifications:unsubscribe:v1').digest();
  }

  sign(tenantId: string, userId: string): string {
    return `${encode(tenantId)}.${encode(userId)}.${this.signature(tenantId, userId)}`;
  }

  /** The tenant and user the token was made for, or null when it is not one of ours. */
  verify(token: string): { tenantId: string; userId: string } | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const tenantId = decode(parts[0]!);
    const userId = decode(parts[1]!);
    if (!tenantId || !userId) return null;
    const expected = Buffer.from(this.signature(tenantId, userId));
    const given = Buffer.from(parts[2]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return { tenantId, userId };
  }

  private signature(tenantId: string, userId: string): string {
    return createHmac('sha256', this.key).update(`${tenantId}\u0000${userId}`).digest('base64url');
  }
}

const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const decode = (text: string): string | null => {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return null;
  const value = Buffer.from(text, 'base64url').toString('utf8');
  return value.length > 0 ? value : null;
};
