import { createHmac, timingSafeEqual } from 'node:crypto';

export interface InvitationClaim {
  tenantId: string;
  userId: string;
  invitationId: string;
}

/**
 * The invitation link's token: `<tenant>.<user>.<invitation>.<signature>`, the signature an HMAC-SHA256 under a
 * key derived from the server's secret (another key than the unsubscribe links'). The signature proves the
 * link is ours; that it works once and until when is the user stream's rule (`UserInvited`,
 * `UserInvitationAccepted`), so a used or replaced link stays refused however often it is presented.
 */
export class InvitationTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('users:invitation:v1').digest();
  }

  sign(claim: InvitationClaim): string {
    const { tenantId, userId, invitationId } = claim;
    return `${encode(tenantId)}.${encode(userId)}.${encode(invitationId)}.${this.signature(claim)}`;
  }

  /** What the token was made for, or null when it is not one of ours (cut off, altered, made up). */
  verify(token: string): InvitationClaim | null {
    const parts = token.split('.');
    if (parts.length !== 4) return null;
    const [tenantId, userId, invitationId] = parts.slice(0, 3).map(decode);
    if (!tenantId || !userId || !invitationId) return null;
    const claim = { tenantId, userId, invitationId };
    const expected = Buffer.from(this.signature(claim));
    const given = Buffer.from(parts[3]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return claim;
  }

  private signature({ tenantId, userId, invitationId }: InvitationClaim): string {
    return createHmac('sha256', this.key)
      .update(`${tenantId}\u0000${userId}\u0000${invitationId}`)
      .digest('base64url');
  }
}

const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const decode = (text: string): string | null => {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return null;
  const value = Buffer.from(text, 'base64url').toString('utf8');
  return value.length > 0 ? value : null;
};
