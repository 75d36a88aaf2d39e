import { errors, jwtVerify, SignJWT } from 'jose';
import type { SigningKeys } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';
import { isTransientDatabaseError } from '../../lib/problem.js';
import { ACCESS_TOKEN_ALG } from './signing-keys.js';

/** RFC 9068 token type: an access token cannot be replayed as any other JWT of ours. */
const ACCESS_TOKEN_TYP = 'at+jwt';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  accessTokenSeconds: number;
}

/**
 * Signs a short-lived access token for an account. `sessionId` (the refresh-token family, claim
 * `sid`) lets a verifier refuse the token once that sign-in is logged out.
 */
export async function signAccessToken(
  keys: SigningKeys,
  settings: AccessTokenSettings,
  accountId: string,
  now: Date,
  sessionId?: string,
): Promise<string> {
  const { kid, privateKey } = keys.current();
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT(sessionId ? { sid: sessionId } : {})
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid, typ: ACCESS_TOKEN_TYP })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(accountId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + settings.accessTokenSeconds)
    .setJti(crypto.randomUUID())
    .sign(privateKey);
}

/** Verifies an access token (signature, algorithm, type, issuer, audience, expiry) → account and expiry. */
export async function verifyAccessToken(
  keys: SigningKeys,
  settings: AccessTokenSettings,
  token: string,
  now: Date,
): Promise<{ accountId: string; expiresAt: number; sessionId: string | undefined }> {
  try {
    const { payload } = await jwtVerify(token, (header) => keys.publicKey(header.kid).then((k) => k ?? new Uint8Array()), {
      algorithms: [ACCESS_TOKEN_ALG],
      typ: ACCESS_TOKEN_TYP,
      issuer: settings.issuer,
      audience: settings.audience,
      currentDate: now,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    if (!payload.sub || payload.exp === undefined) throw new Error('no subject');
    const sessionId = typeof payload.sid === 'string' ? payload.sid : undefined;
    return { accountId: payload.sub, expiresAt: payload.exp * 1000, sessionId };
  } catch (err) {
    // The keys' reload (a kid rotated in by another instance) failing is the database's fault, not
    // the token's: "try again" (503), never a 401 that would sign the parent out.
    if (isTransientDatabaseError(err)) throw err;
    if (err instanceof errors.JWTExpired) {
      throw new ApiError(401, 'token_expired', 'Your session has expired: refresh it or sign in again.', {
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      });
    }
    throw new ApiError(401, 'unauthenticated', 'The access token is not valid.', {
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    });
  }
}
