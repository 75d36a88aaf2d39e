import { formatSiret } from '../../domain/siret.js';
import {
  CollectivityAdminError,
  changeOrigins,
  createCollectivity,
  findCollectivity,
  listCollectivities,
  setCollectivityIdentity,
} from '../../modules/collectivities/collectivity-admin.js';
import {
  type CollectivityIdentity,
  IDENTITY_OPTIONS,
  type IdentityChange,
} from '../../modules/collectivities/collectivity-identity.js';
import { CliError, type Command, EXIT, type OptionSpec } from '../command.js';

/** Runs a collectivity change, turning what the operator can fix into exit code 2. */
async function explained<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CollectivityAdminError) throw new CliError(EXIT.badInput, err.code, err.message);
    throw err;
  }
}

/** What the town's invoices say of their issuer: the same options for `create` and `set`. */
const IDENTITY_OPTION_SPECS: Readonly<Record<(typeof IDENTITY_OPTIONS)[number], OptionSpec>> = {
  siret: { type: 'string', valueName: 'SIRET', description: 'the town’s SIRET, 14 digits (spaces allowed), Luhn-checked' },
  address: { type: 'string', valueName: 'TEXT', description: 'first line of the postal address, e.g. "1 place de la Mairie"' },
  'address-line2': { type: 'string', valueName: 'TEXT', description: 'second line of the postal address (optional)' },
  'postal-code': { type: 'string', valueName: 'CODE', description: 'postal code, 5 digits' },
  city: { type: 'string', valueName: 'CITY', description: 'city of the postal address' },
  phone: { type: 'string', valueName: 'PHONE', description: 'the service’s phone number families call' },
  email: { type: 'string', valueName: 'EMAIL', description: 'the service’s email address families write to' },
  accountant: {
    type: 'string',
    valueName: 'TEXT',
    description: 'the public accountant payments go to, e.g. "Service de gestion comptable de Muret"',
  },
};

function identityChange(options: Record<string, string | boolean | undefined>): IdentityChange {
  const change: IdentityChange = {};
  for (const option of IDENTITY_OPTIONS) {
    const value = options[option];
    if (typeof value === 'string') change[option] = value;
  }
  return change;
}

/** The identity as lines for people: only the parts that are set. */
function identityLines(identity: CollectivityIdentity): string[] {
  const address = identity.postalAddress;
  return [
    ...(address
      ? [`  address: ${[address.line1, address.line2, `${address.postalCode} ${address.city}`].filter(Boolean).join(', ')}`]
      : []),
    ...(identity.siret ? [`  SIRET: ${formatSiret(identity.siret)}`] : []),
    ...(identity.servicePhone ? [`  phone: ${identity.servicePhone}`] : []),
    ...(identity.serviceEmail ? [`  email: ${identity.serviceEmail}`] : []),
    ...(identity.publicAccountant ? [`  public accountant: ${identity.publicAccountant}`] : []),
  ];
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
    ...IDENTITY_OPTION_SPECS,
  },
  examples: [
    'foyer collectivity create ville-exemple "Ville d’Exemple" --zone A',
    'foyer collectivity create ville-exemple "Ville d’Exemple" --zone A --siret "213 199 995 00019" --address "1 place de la Mairie" --postal-code 31990 --city Exemple',
    'foyer collectivity create saint-exemple "Saint-Exemple" --zone B --alsace-moselle --json',
  ],
  async run({ args, options }, context) {
    const [slug = '', name = ''] = args;
    if (typeof options.zone !== 'string')
      throw new CliError(EXIT.usage, 'usage', 'give the school-holiday zone: --zone A, B or C');
    const { db } = await context.database();
    const created = await explained(() =>
      createCollectivity(
        db,
        {
          slug,
          name,
          timeZone: typeof options['time-zone'] === 'string' ? options['time-zone'] : 'Europe/Paris',
          schoolHolidayZone: options.zone as 'A',
          alsaceMoselle: options['alsace-moselle'] === true,
          ...(typeof options['portal-url'] === 'string' ? { portalUrl: options['portal-url'] } : {}),
        },
        identityChange(options),
      ),
    );
    return {
      data: created,
      lines: [
        `Created ${created.name} (${created.slug}): zone ${created.schoolHolidayZone}, ${created.timeZone}${created.alsaceMoselle ? ', Alsace-Moselle' : ''}.`,
        ...identityLines(created.identity),
        `Next: foyer origin add ${created.slug} https://… and foyer agent invite ${created.slug} EMAIL --role admin`,
      ],
    };
  },
};

export const collectivitySet: Command = {
  name: ['collectivity', 'set'],
  summary: 'Set what a collectivity’s invoices say of their issuer: postal address, SIRET, contact, public accountant',
  description:
    'Only the options given change. An empty value removes that part (--phone ""); --address "" removes the whole ' +
    'postal address. A postal address needs --address, --postal-code and --city. Invoices and credit notes print ' +
    'the identity as it is when they are downloaded.',
  args: [{ name: 'SLUG', description: 'the collectivity' }],
  options: IDENTITY_OPTION_SPECS,
  examples: [
    'foyer collectivity set ville-exemple --siret "213 199 995 00019" --address "1 place de la Mairie" --postal-code 31990 --city Exemple',
    'foyer collectivity set ville-exemple --phone "05 36 49 12 34" --email enfance@ville-exemple.fr --json',
    'foyer collectivity set ville-exemple --accountant ""',
  ],
  async run({ args, options }, context) {
    const [slug = ''] = args;
    const change = identityChange(options);
    if (Object.keys(change).length === 0) {
      throw new CliError(EXIT.usage, 'usage', `give at least one of ${IDENTITY_OPTIONS.map((o) => `--${o}`).join(', ')}`);
    }
    const { db } = await context.database();
    const changed = await explained(() => setCollectivityIdentity(db, slug, change));
    const lines = identityLines(changed.identity);
    return {
      data: { slug: changed.slug, identity: changed.identity },
      lines: [`Identity of ${changed.name} (${changed.slug}) on its invoices:`, ...(lines.length ? lines : ['  (none)'])],
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
