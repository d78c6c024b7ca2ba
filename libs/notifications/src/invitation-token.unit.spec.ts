import { InvitationTokens } from './invitation-token.js';

describe('InvitationTokens', () => {
  const tokens = new InvitationTokens('a-server-secret-of-enough-length');
  const claim = { tenantId: 'brugge', userId: 'u-1', invitationId: 'i-1' };

  it('reads back what it signed', () => {
    expect(tokens.verify(tokens.sign(claim))).toEqual(claim);
  });

  it('refuses a token that is altered, cut off, made with another secret or for another invitation', () => {
    const token = tokens.sign(claim);
    const parts = token.split('.');
    expect(tokens.verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(tokens.verify(parts.slice(0, 3).join('.'))).toBeNull();
    expect(new InvitationTokens('another-server-secret').verify(token)).toBeNull();
    const other = tokens.sign({ ...claim, invitationId: 'i-2' }).split('.');
    expect(tokens.verify([...parts.slice(0, 3), other[3]].join('.'))).toBeNull();
    expect(tokens.verify('')).toBeNull();
    expect(tokens.verify('a.b.c.d')).toBeNull();
  });

  it('is not an unsubscribe token: the keys differ by purpose', async () => {
    const { UnsubscribeTokens } = await import('./unsubscribe-token.js');
    const unsubscribe = new UnsubscribeTokens('a-server-secret-of-enough-length').sign('brugge', 'u-1');
    expect(
      tokens.verify(
        `${unsubscribe.split('.').slice(0, 2).join('.')}.${Buffer.from('i-1').toString('base64url')}.${unsubscribe.split('.')[2]}`,
      ),
    ).toBeNull();
  });
});
