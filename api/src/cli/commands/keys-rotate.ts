import { migrateToLatest } from '../../db/migrate.js';
import { rotateSigningKeys } from '../../modules/auth/key-rotation.js';
import { verifyWindowSeconds } from '../../modules/auth/signing-keys.js';
import type { Command } from '../command.js';

export const keysRotate: Command = {
  name: ['keys', 'rotate'],
  summary: 'Rotate the access-token signing keys without logging anyone out',
  description:
    'Adds a signing key with a new kid, sealed with FOYER_SECRETS_KEY when set. Running servers sign with it ' +
    'from their next key reload (at most 5 minutes); the previous keys are retired: they keep verifying until the ' +
    'last token they signed has expired, then leave the JWKS. Keys retired before that are deleted.',
  args: [],
  options: {},
  examples: ['foyer keys rotate', 'FOYER_SECRETS_KEY_FILE=/run/secrets/foyer foyer keys rotate --json'],
  async run(_input, context) {
    const config = context.config();
    const { db } = await context.database();
    await migrateToLatest(db);
    const rotation = await rotateSigningKeys(db, context.clock, {
      secretsKey: config.secretsKey,
      accessTokenSeconds: config.auth.accessTokenSeconds,
    });
    const minutes = Math.round(verifyWindowSeconds(config.auth.accessTokenSeconds) / 60);
    return {
      data: rotation,
      lines: [
        `New signing key: ${rotation.kid}${config.secretsKey ? ' (sealed)' : ' (stored in clear: set FOYER_SECRETS_KEY)'}`,
        `Retired (verifying for ${minutes} more minutes): ${rotation.retired.join(', ') || 'none'}`,
        `Deleted: ${rotation.deleted.join(', ') || 'none'}`,
      ],
    };
  },
};
