import * as v from 'valibot';
import { Email, Instant, NewPassword, Password, Phone, ShortText, Slug } from './common.js';
import { endpoint } from './endpoint.js';

/** A signed-in session: a short-lived access token and a single-use refresh token. */
export const Session = v.object({
  tokenType: v.literal('Bearer'),
  accessToken: v.string(),
  /** Seconds until the access token expires. */
  expiresIn: v.number(),
  refreshToken: v.string(),
  /** The absolute end of this sign-in; rotation never extends it. */
  refreshExpiresAt: Instant,
});
export type Session = v.InferOutput<typeof Session>;

/** A single-use token from an email link, as pasted from the URL. */
const EmailToken = v.pipe(
  v.string(),
  v.minLength(20),
  v.maxLength(200),
  v.regex(/^[A-Za-z0-9_-]+$/, 'is not a valid link token'),
);

export const LoginBody = v.strictObject({ email: Email, password: Password });
export const RefreshBody = v.strictObject({ refreshToken: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) });

export const ActivateBody = v.strictObject({
  token: EmailToken,
  /** The new password, or the existing one when the email already has an account. */
  password: NewPassword,
  firstName: v.optional(ShortText(100)),
  lastName: v.optional(ShortText(100)),
  phone: v.optional(Phone),
});

/** What an invitation link is about, so a page can show the right form before activation. */
export const Invitation = v.object({
  email: v.string(),
  collectivity: v.object({ slug: v.string(), name: v.string() }),
  household: v.object({ name: v.string() }),
  /** True when the email already has an account: activation links it with the existing password. */
  accountExists: v.boolean(),
  expiresAt: Instant,
});

export const PasswordResetBody = v.strictObject({
  email: Email,
  /** The collectivity whose portal page the email link should open. */
  collectivity: v.optional(Slug),
});
export const PasswordResetConfirmBody = v.strictObject({ token: EmailToken, password: NewPassword });
export const ChangePasswordBody = v.strictObject({ currentPassword: Password, newPassword: NewPassword });

export const login = endpoint({ method: 'POST', path: '/v1/auth/login', body: LoginBody, response: Session });
export const refresh = endpoint({ method: 'POST', path: '/v1/auth/refresh', body: RefreshBody, response: Session });
export const logout = endpoint({ method: 'POST', path: '/v1/auth/logout', body: RefreshBody });
export const getInvitation = endpoint({
  method: 'GET',
  path: '/v1/auth/invitations/:token',
  params: v.strictObject({ token: EmailToken }),
  response: Invitation,
});
export const activate = endpoint({ method: 'POST', path: '/v1/auth/activate', body: ActivateBody, response: Session });
export const requestPasswordReset = endpoint({
  method: 'POST',
  path: '/v1/auth/password-reset',
  body: PasswordResetBody,
  status: 202,
});
export const confirmPasswordReset = endpoint({
  method: 'POST',
  path: '/v1/auth/password-reset/confirm',
  body: PasswordResetConfirmBody,
});
export const changePassword = endpoint({ method: 'POST', path: '/v1/me/password', body: ChangePasswordBody });
