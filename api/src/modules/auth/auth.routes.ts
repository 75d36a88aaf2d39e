import { auth } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { requireCaller } from '../../lib/scope.js';
import { verifyCredentials } from './credentials.js';
import { activateInvitation, describeInvitation } from './invitations.js';
import { changePassword, confirmPasswordReset, requestPasswordReset } from './password-reset.js';
import { endSession, rotateSession, startSession } from './sessions.js';

export function authRoutes(deps: AppDeps): Route[] {
  const sessionDeps = { db: deps.db, keys: deps.keys, settings: deps.config.auth, logger: deps.logger };
  const tags = ['Auth'];
  return [
    route(auth.login, { summary: 'Sign in with email and password', tags, access: 'public' }, async ({ body }, c) => {
      const { accountId, attempt } = await verifyCredentials(deps, c, body.email, body.password);
      // The throttle's counters are given back by the statement that opens the session.
      return startSession(sessionDeps, accountId, deps.clock.now(), attempt.succeededAlong(deps.db));
    }),
    route(
      auth.refresh,
      {
        summary: 'Rotate the refresh token',
        description: 'Spends the refresh token and returns a new pair. A spent token presented again revokes the whole sign-in.',
        tags,
        access: 'public',
      },
      async ({ body }) => rotateSession(sessionDeps, body.refreshToken, deps.clock.now()),
    ),
    route(auth.logout, { summary: 'Sign out (revoke the refresh-token chain)', tags, access: 'public' }, async ({ body }) => {
      await endSession(deps.db, body.refreshToken, deps.clock.now());
      return undefined;
    }),
    route(
      auth.getInvitation,
      { summary: 'Describe an invitation link before activating it', tags, access: 'public' },
      async ({ params }) => describeInvitation(deps, params.token),
    ),
    route(
      auth.activate,
      {
        summary: 'Activate an invitation',
        description:
          'Sets the password of a new account, or links the household to the existing account of that email (its current password is then required).',
        tags,
        access: 'public',
      },
      async ({ body }, c) => {
        const accountId = await activateInvitation(deps, c, body);
        return startSession(sessionDeps, accountId, deps.clock.now());
      },
    ),
    route(
      auth.requestPasswordReset,
      {
        summary: 'Send a password-reset link',
        description: 'Answers 202 whether or not the email is known.',
        tags,
        access: 'public',
      },
      async ({ body }, c) => {
        await requestPasswordReset(deps, c, body);
        return c.body(null, 202);
      },
    ),
    route(
      auth.confirmPasswordReset,
      { summary: 'Set a new password from a reset link', tags, access: 'public' },
      async ({ body }) => {
        await confirmPasswordReset(deps, body);
        return undefined;
      },
    ),
    route(
      auth.changePassword,
      { summary: 'Change my password (ends my other sessions)', tags: ['Me'], access: 'account' },
      async ({ body }, c) => {
        await changePassword(deps, c, requireCaller(c).accountId, body);
        return undefined;
      },
    ),
  ];
}
