/** What an access token says: the user, the tenant and the session it belongs to. */
export interface AccessTokenClaims {
  sub: string;
  tid: string;
  sid: string;
}
