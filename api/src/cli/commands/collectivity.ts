import {
  CollectivityAdminError,
  changeOrigins,
  createCollectivity,
  findCollectivity,
  listCollectivities,
} from '../../modules/collectivities/collectivity-admin.js';
import { CliError, type Command, EXIT } from '../command.js';

/** Runs a collectivity change, turning what the operator can fix into exit code 2. */
async function explained<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CollectivityAdminError) throw new CliError(EXIT.badInput, err.code, err.message);
    throw err;
  }
}

export const collectivityCreate: Command = {
  name: ['collectivity', 'create'],
  summary: 'Create a collectivity (a town) with its time zone and school-calendar zone',
  description:
    'The slug is the town’s address in every URL (/v1/collectivities/SLUG) and cannot be changed later. ' +
    'Then register its website (foyer origin add) and invite its first admin (foyer agent invite).',
  args: [
    { name: 'SLUG', description: 'lowercase letters, digits and dashes, e.g. ville-exemple' },
    { name: 'NAME', description: 'the name people read, e.g. "Ville d’Exemple"' },
  ],
  options: {
    zone: { type: 'string', valueName: 'A|B|C', description: 'school-holiday zone of the académie (required)' },
    'time-zone': { type: 'string', valueName: 'ZONE', description: 'IANA time zone (default Europe/Paris)' },
    'alsace-moselle': { type: 'boolean', description: 'apply the public holidays of Alsace-Moselle (Good Friday, 26 December)' },
    'portal-url': {
      type: 'string',
      valueName: 'URL',
      description: 'the page of the town’s site that embeds Foyer (email links lead there)',
    },
  },
  examples: [
    'foyer collectivity create ville-exemple "Ville d’Exemple" --zone A',
    'foyer collectivity create saint-exemple "Saint-Exemple" --zone B --alsace-moselle --json',
  ],
  async run({ args, options }, context) {
    const [slug = '', name = ''] = args;
    if (typeof options.zone !== 'string')
      throw new CliError(EXIT.usage, 'usage', 'give the school-holiday zone: --zone A, B or C');
    const { db } = await context.database();
    const created = await explained(() =>
      createCollectivity(db, {
        slug,
        name,
        timeZone: typeof options['time-zone'] === 'string' ? options['time-zone'] : 'Europe/Paris',
        schoolHolidayZone: options.zone as 'A',
        alsaceMoselle: options['alsace-moselle'] === true,
        ...(typeof options['portal-url'] === 'string' ? { portalUrl: options['portal-url'] } : {}),
      }),
    );
    return {
      data: created,
      lines: [
        `Created ${created.name} (${created.slug}): zone ${created.schoolHolidayZone}, ${created.timeZone}${created.alsaceMoselle ? ', Alsace-Moselle' : ''}.`,
        `Next: foyer origin add ${created.slug} https://… and foyer agent invite ${created.slug} EMAIL --role admin`,
      ],
    };
  },
};

export const collectivityList: Command = {
  name: ['collectivity', 'list'],
  summary: 'List the collectivities, with their slug (the "collectivity" attribute of <foyer-provider>)',
  args: [],
  options: {},
  examples: ['foyer collectivity list', 'foyer collectivity list --json'],
  async run(_input, context) {
    const { db } = await context.database();
    const collectivities = await listCollectivities(db);
    return {
      data: { collectivities },
      lines: collectivities.length
        ? collectivities.map(
            (c) =>
              `${c.slug}  ${c.name} (zone ${c.schoolHolidayZone}, ${c.timeZone}; ${c.origins.length ? c.origins.join(', ') : 'no origin yet'})`,
          )
        : ['No collectivity yet: foyer collectivity create SLUG NAME --zone A'],
    };
  },
};

const originArgs = [
  { name: 'SLUG', description: 'the collectivity' },
  { name: 'ORIGIN', description: 'scheme://host[:port] of the website, e.g. https://www.ville-exemple.fr' },
];

export const originAdd: Command = {
  name: ['origin', 'add'],
  summary: 'Allow a website to embed a collectivity’s widgets (CORS)',
  description: 'Running servers apply it within their cache delay (FOYER_CACHE_SECONDS).',
  args: originArgs,
  options: {},
  examples: ['foyer origin add ville-exemple https://www.ville-exemple.fr'],
  async run({ args }, context) {
    const [slug = '', origin = ''] = args;
    const { db } = await context.database();
    const changed = await explained(() => changeOrigins(db, slug, { add: origin }));
    return { data: { slug, origins: changed.origins }, lines: [`Origins of ${slug}:`, ...changed.origins.map((o) => `  ${o}`)] };
  },
};

export const originRemove: Command = {
  name: ['origin', 'remove'],
  summary: 'Stop a website from embedding a collectivity’s widgets',
  args: originArgs,
  options: {},
  examples: ['foyer origin remove ville-exemple https://old.ville-exemple.fr'],
  async run({ args }, context) {
    const [slug = '', origin = ''] = args;
    const { db } = await context.database();
    const changed = await explained(() => changeOrigins(db, slug, { remove: origin }));
    return {
      data: { slug, origins: changed.origins },
      lines: [`Origins of ${slug}:`, ...(changed.origins.length ? changed.origins.map((o) => `  ${o}`) : ['  (none)'])],
    };
  },
};

export const originList: Command = {
  name: ['origin', 'list'],
  summary: 'List the websites allowed to embed a collectivity',
  args: [{ name: 'SLUG', description: 'the collectivity' }],
  options: {},
  examples: ['foyer origin list ville-exemple --json'],
  async run({ args }, context) {
    const [slug = ''] = args;
    const { db } = await context.database();
    const found = await explained(() => findCollectivity(db, slug));
    return {
      data: { slug, origins: found.origins },
      lines: found.origins.length ? found.origins : [`${slug} has no origin yet: foyer origin add ${slug} https://…`],
    };
  },
};
