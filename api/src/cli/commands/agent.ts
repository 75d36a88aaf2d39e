import { AGENT_ROLES, type AgentRole } from '@foyer/sdk/contract';
import { ApiError } from '../../lib/api-error.js';
import { inviteAgent } from '../../modules/admin-agents/agents.js';
import { CollectivityAdminError, findCollectivity } from '../../modules/collectivities/collectivity-admin.js';
import { CliError, type Command, EXIT } from '../command.js';

export const agentInvite: Command = {
  name: ['agent', 'invite'],
  summary: 'Invite an agent of a collectivity by email, with a role',
  description:
    'A new email gets an account and an email with a link to choose a password in the back office (/admin/); ' +
    'an existing account gets the role at once. The email leaves through the outbox, sent by the running server. ' +
    'Roles: admin (everything), agent (families, enrolments, requests, bookings), kitchen (meal counts, allergies), ' +
    'animator (roll call, care plans).',
  args: [
    { name: 'SLUG', description: 'the collectivity' },
    { name: 'EMAIL', description: 'the agent’s email, their login' },
  ],
  options: {
    role: { type: 'string', valueName: 'ROLE', description: `${AGENT_ROLES.join(', ')} (default admin)` },
    name: { type: 'string', valueName: 'NAME', description: 'the name shown to other agents' },
  },
  examples: [
    'foyer agent invite ville-exemple dgs@ville-exemple.fr',
    'foyer agent invite ville-exemple cuisine@ville-exemple.fr --role kitchen --json',
  ],
  async run({ args, options }, context) {
    const [slug = '', email = ''] = args;
    const role = (typeof options.role === 'string' ? options.role : 'admin') as AgentRole;
    if (!AGENT_ROLES.includes(role)) {
      throw new CliError(EXIT.usage, 'usage', `unknown role "${role}": one of ${AGENT_ROLES.join(', ')}`);
    }
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw new CliError(EXIT.badInput, 'invalid_input', `"${email}" is not an email address`);
    const { db } = await context.database();
    try {
      const collectivity = await findCollectivity(db, slug);
      const agent = await inviteAgent(
        { db, clock: context.clock, config: context.config() },
        {
          collectivityId: collectivity.id,
          email,
          role,
          displayName: typeof options.name === 'string' ? options.name : null,
          invitedBy: null,
        },
      );
      return {
        data: { collectivity: slug, ...agent },
        lines: [
          agent.status === 'invited'
            ? `Invited ${agent.email} as ${agent.role} of ${slug}: the activation email is queued (valid until ${agent.invitationExpiresAt}).`
            : `${agent.email} already has an account: it is now ${agent.role} of ${slug}.`,
        ],
      };
    } catch (err) {
      if (err instanceof CollectivityAdminError) throw new CliError(EXIT.badInput, err.code, err.message);
      if (err instanceof ApiError) throw new CliError(EXIT.badInput, err.code, err.detail);
      throw err;
    }
  },
};
