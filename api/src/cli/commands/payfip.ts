import { CollectivityAdminError, findCollectivity } from '../../modules/collectivities/collectivity-admin.js';
import {
  invalidPayfipSettings,
  loadPayfipSettings,
  PAYFIP_PAGE_URL,
  PAYFIP_SERVICE_URL,
  savePayfipSettings,
} from '../../modules/payments/payfip/index.js';
import { CliError, type Command, EXIT } from '../command.js';

export const payfipSet: Command = {
  name: ['payfip', 'set'],
  summary: 'Set a collectivity’s PayFiP contract: its online payments then go through PayFiP',
  description:
    'NUMCLI is the 6-digit client number the DGFiP gave the town’s régie. --saisie: T (test, no money moves), ' +
    'X (activation, the DGFiP’s check before going live) or W (production); T by default. PayFiP’s addresses ' +
    'default to those its documentation gives. --off keeps the contract but sends payments back to the install’s default provider.',
  args: [
    { name: 'SLUG', description: 'the collectivity' },
    { name: 'NUMCLI', description: 'the PayFiP client number (6 digits)' },
  ],
  options: {
    saisie: { type: 'string', valueName: 'T|X|W', description: 'entry mode: T test, X activation, W production (default T)' },
    'service-url': { type: 'string', valueName: 'URL', description: `PayFiP's SOAP service (default ${PAYFIP_SERVICE_URL})` },
    'page-url': { type: 'string', valueName: 'URL', description: `PayFiP's payment page (default ${PAYFIP_PAGE_URL})` },
    off: { type: 'boolean', description: 'keep the contract, but stop sending payments to PayFiP' },
  },
  examples: ['foyer payfip set ville-exemple 012345 --saisie X', 'foyer payfip set ville-exemple 012345 --saisie W --json'],
  async run({ args, options }, context) {
    const [slug = '', numcli = ''] = args;
    const { db } = await context.database();
    let collectivityId: string;
    try {
      collectivityId = (await findCollectivity(db, slug)).id;
    } catch (err) {
      if (err instanceof CollectivityAdminError) throw new CliError(EXIT.badInput, err.code, err.message);
      throw err;
    }
    const previous = await loadPayfipSettings(db, collectivityId);
    const settings = {
      collectivityId,
      numcli,
      saisie: (typeof options.saisie === 'string' ? options.saisie : (previous?.saisie ?? 'T')) as 'T' | 'X' | 'W',
      serviceUrl:
        typeof options['service-url'] === 'string' ? options['service-url'] : (previous?.serviceUrl ?? PAYFIP_SERVICE_URL),
      pageUrl: typeof options['page-url'] === 'string' ? options['page-url'] : (previous?.pageUrl ?? PAYFIP_PAGE_URL),
      active: options.off !== true,
    };
    const invalid = invalidPayfipSettings(settings);
    if (invalid) throw new CliError(EXIT.badInput, 'invalid_input', invalid);
    await savePayfipSettings(db, settings, context.clock.now());
    const mode = { T: 'test', X: 'activation', W: 'production' }[settings.saisie];
    return {
      data: {
        collectivity: slug,
        numcli,
        saisie: settings.saisie,
        serviceUrl: settings.serviceUrl,
        pageUrl: settings.pageUrl,
        active: settings.active,
      },
      lines: [
        settings.active
          ? `${slug} now takes its online payments through PayFiP (client ${numcli}, ${mode} mode).`
          : `${slug} keeps its PayFiP contract (client ${numcli}, ${mode} mode) but no longer sends payments to it.`,
      ],
    };
  },
};
