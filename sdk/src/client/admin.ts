import * as adminAgents from '../contract/admin-agents.js';
import * as adminAudit from '../contract/admin-audit.js';
import * as adminBilling from '../contract/admin-billing.js';
import * as adminBookings from '../contract/admin-bookings.js';
import * as adminCatalog from '../contract/admin-catalog.js';
import * as adminEnrolments from '../contract/admin-enrolments.js';
import * as adminFamilies from '../contract/admin-families.js';
import * as adminHouseholds from '../contract/admin-households.js';
import * as adminImports from '../contract/admin-imports.js';
import * as adminJoinRequests from '../contract/admin-join-requests.js';
import * as adminKitchen from '../contract/admin-kitchen.js';
import * as adminPayments from '../contract/admin-payments.js';
import * as adminRequests from '../contract/admin-requests.js';
import * as adminRollCall from '../contract/admin-roll-call.js';
import * as attachments from '../contract/attachments.js';
import { type DownloadMethod, downloader } from './attachments.js';
import { type ClientOptions, createClient, type FoyerClient } from './client.js';
import { type ExportMethod, exporter } from './exports.js';
import type { ListMethod, Method } from './method.js';

/**
 * The back office: every method is for the collectivity's agents, and each endpoint declares
 * the roles it admits (`endpoint.roles`); another role rejects with `403 forbidden`. The
 * families' {@link FoyerClient} has none of it, so that their widgets do not carry its contract.
 */
export interface AdminNamespace {
  readonly lateCancellations: {
    /** Late cancellations and late-reported absences waiting for a decision, oldest first. */
    list: Method<typeof adminBookings.listLateCancellations>;
    /** Accepts (with or without a refund) or rejects (with a reason) one, by booking id. */
    decide: Method<typeof adminBookings.decideLateCancellation, ['id']>;
  };
  readonly dayList: {
    /** Who is expected on a day, per activity, with allergies and attendance; audited. */
    get: Method<typeof adminBookings.getDayList>;
  };
  readonly services: {
    /** The catalog's services (archived ones with `includeArchived: 'true'`). Admins and agents. */
    list: Method<typeof adminCatalog.listServices>;
    /** Creates a service. Admins. */
    create: Method<typeof adminCatalog.createService>;
    /** Changes a service; `archived: true` hides it from families. Admins. */
    update: Method<typeof adminCatalog.updateService, ['id']>;
  };
  readonly sites: {
    /** The catalog's sites (schools, leisure centres). Admins and agents. */
    list: Method<typeof adminCatalog.listSites>;
    /** Creates a site. Admins. */
    create: Method<typeof adminCatalog.createSite>;
    /** Changes or archives a site. Admins. */
    update: Method<typeof adminCatalog.updateSite, ['id']>;
  };
  readonly activities: {
    /** Activities with every rule, optionally of one service or site. Admins and agents. */
    list: Method<typeof adminCatalog.listActivities>;
    /** One activity with every rule. Admins and agents. */
    get: Method<typeof adminCatalog.getActivity, ['id']>;
    /** Creates an activity; families' calendars show it at once for enrolled children. Admins. */
    create: Method<typeof adminCatalog.createActivity>;
    /** Changes an activity's rules (calendars follow at once) or archives it. Admins. */
    update: Method<typeof adminCatalog.updateActivity, ['id']>;
  };
  readonly closures: {
    /** Closures, optionally those meeting `from`–`to`. Admins and agents. */
    list: Method<typeof adminCatalog.listClosures>;
    /** Closes the collectivity, a site or an activity from `from` to `to`. Admins. */
    create: Method<typeof adminCatalog.createClosure>;
    /** Changes a closure. Admins. */
    update: Method<typeof adminCatalog.updateClosure, ['id']>;
    /** Removes a closure: its days open again. Admins. */
    remove: Method<typeof adminCatalog.deleteClosure, ['id']>;
  };
  readonly households: {
    /** Searches households (`q`: name, child, guardian, email), sorted and paginated by the server. */
    list: ListMethod<typeof adminFamilies.listHouseholds>;
    /** One household's file: guardians, children and enrolments, quotients, notes. */
    get: Method<typeof adminFamilies.getHousehold, ['id']>;
    /** Creates a household with its first guardian (invited by email) and its children. */
    create: Method<typeof adminHouseholds.createHousehold>;
    /** Erases the household's personal data on request (invoices kept, bookings anonymous); idempotent. */
    anonymise: Method<typeof adminHouseholds.anonymiseHousehold, ['id']>;
    /** Changes the household's details; `archived: true` archives it. */
    update: Method<typeof adminFamilies.updateHousehold, ['id']>;
    /** Records a family quotient and the date it applies from; prices follow it from that day. */
    setQuotient: Method<typeof adminFamilies.setQuotient, ['id']>;
    /** Adds a note to the household's file (agents only see it). */
    addNote: Method<typeof adminFamilies.addNote, ['id']>;
    readonly guardians: {
      /** Adds a guardian (a second parent); `invite: true` emails an activation link. */
      create: Method<typeof adminFamilies.createGuardian, ['id']>;
      /** Edits a guardian: `(householdId, guardianId, changes)`. */
      update: Method<typeof adminFamilies.updateGuardian, ['id', 'guardianId']>;
      /** Sends the activation link again: `(householdId, guardianId)`; `409` when they already sign in. */
      invite: Method<typeof adminFamilies.inviteGuardian, ['id', 'guardianId']>;
    };
    readonly children: {
      /** Adds a child to the household. */
      create: Method<typeof adminFamilies.createChild, ['id']>;
      /** Edits a child: `(householdId, childId, changes)`. */
      update: Method<typeof adminFamilies.updateChild, ['id', 'childId']>;
    };
  };
  readonly enrolments: {
    /** Enrolments of a child, a household or an activity. */
    list: Method<typeof adminEnrolments.listEnrolments>;
    /** Enrols a child in an activity for a period (with school and class): its days become bookable. */
    create: Method<typeof adminEnrolments.createEnrolment>;
    /** Changes an enrolment's period, school or class. */
    update: Method<typeof adminEnrolments.updateEnrolment, ['id']>;
    /** Ends an enrolment; bookings already made stay. */
    end: Method<typeof adminEnrolments.endEnrolment, ['id']>;
  };
  readonly imports: {
    /**
     * Starts an import of a CSV file (base64 in `content`; see {@link fileToBase64}); resolves
     * to the job at once. `dryRun: true` writes nothing and lists every error.
     */
    create: Method<typeof adminImports.createImport>;
    /** An import's progress (`percent`, `rowsPerSecond`) and, once `done`, its report. */
    get: Method<typeof adminImports.getImport, ['id']>;
    /** The collectivity's recent imports, newest first. */
    list: Method<typeof adminImports.listImports>;
  };
  readonly joinRequests: {
    /** Requests from families to join the collectivity, optionally in one status. */
    list: Method<typeof adminJoinRequests.listJoinRequests>;
    /** Accepts one, linking an existing household (`householdId`) or creating one from the request. */
    accept: Method<typeof adminJoinRequests.acceptJoinRequest, ['id']>;
    /** Refuses one with a reason the family reads. */
    refuse: Method<typeof adminJoinRequests.refuseJoinRequest, ['id']>;
  };
  readonly payments: {
    /** Payments by status, `held` by default: those an online provider confirmed for another amount, or too late. Admins and agents. */
    list: Method<typeof adminPayments.listPayments>;
    /** Accepts (counted as paid) or refuses (closed, the régie refunds) a held payment, with a reason. Admins and agents. */
    resolve: Method<typeof adminPayments.resolvePayment, ['id']>;
    /** Issued invoices unpaid past their due date, longest overdue first. Admins and agents. */
    overdueInvoices: Method<typeof adminPayments.listOverdueInvoices>;
  };
  readonly kitchen: {
    /** Meals per site and day from `from` (14 days), by diet group, with when each count is final. Admins, agents, kitchen. */
    mealCounts: Method<typeof adminKitchen.getMealCounts>;
    /** A day's printable sheet: counts and the children with a diet group or allergies. Admins, agents, kitchen. */
    daySheet: Method<typeof adminKitchen.getDaySheet>;
    /** The town's diet groups, in the counts' order, with how many children each holds. Admins, agents, kitchen. */
    dietGroups: Method<typeof adminKitchen.listDietGroups>;
    /** Adds a diet group (sans porc, végétarien, PAI…). Admins. */
    createDietGroup: Method<typeof adminKitchen.createDietGroup>;
    /** Renames a diet group, or moves it (`position`: its index among the groups). Admins. */
    updateDietGroup: Method<typeof adminKitchen.updateDietGroup, ['id']>;
    /** Deletes a diet group; its children are in no group afterwards. Admins. */
    deleteDietGroup: Method<typeof adminKitchen.deleteDietGroup, ['id']>;
    /** Puts a child in a diet group, or none (`null`). Admins and agents. */
    setChildDiet: Method<typeof adminKitchen.setChildDiet, ['id']>;
  };
  readonly rollCall: {
    /** The activities a roll call can be taken for, with their site. Admins, agents, animators. */
    activities: Method<typeof adminRollCall.listRollCallActivities>;
    /** An activity's roll call on a day (`date`, `activity`): health marks for admins and animators only. */
    get: Method<typeof adminRollCall.getRollCall>;
    /** One mark under the device's own id (a UUID): sent again, it answers the same and writes nothing. */
    mark: Method<typeof adminRollCall.putRollCallMark, ['markId']>;
  };
  readonly billing: {
    /** The months invoiced, latest first. Admins and agents. */
    runs: Method<typeof adminBilling.listBillingRuns>;
    /**
     * Previews a month (`{ month, dryRun: true }`: totals, anomalies, nothing written) or issues
     * it once it is over (`{ month }`); a month already issued answers its run. Admins.
     */
    run: Method<typeof adminBilling.runBilling>;
    /** One issued run: totals per activity, due date. Admins and agents. */
    getRun: Method<typeof adminBilling.getBillingRun, ['id']>;
    /** Invoices and credit notes, latest first (`overdue: 'true'`: unpaid past due). Admins and agents. */
    invoices: ListMethod<typeof adminBilling.listInvoices>;
    /** One invoice with its lines and the credit notes correcting it. Admins and agents. */
    invoice: Method<typeof adminBilling.getInvoice, ['id']>;
    /** Credits an issued invoice (paid or not) by a credit note with a reason: chosen `lines`, or every line left. Admins. */
    credit: Method<typeof adminBilling.creditInvoice, ['id']>;
  };
  readonly waitlists: {
    /** The waiting lists of full days (from today for 31 days unless said): order, and who was promoted when. Admins and agents. */
    list: Method<typeof adminBookings.listWaitlists>;
    /** Gives a waiting child a place (by booking id); `overCapacity: true` on a full day. Admins and agents. */
    promote: Method<typeof adminBookings.promoteFromWaitlist, ['id']>;
  };
  /**
   * CSV exports of a period for French spreadsheets, streamed by the API: `onProgress` tells
   * the bytes and rows received so far. Audited.
   */
  readonly exports: {
    /** Every booking of the period. Admins and agents. */
    bookings: ExportMethod;
    /** Who was expected and who came. Admins and agents. */
    attendance: ExportMethod;
    /** Meals per day, site and diet group. Admins, agents and the kitchen. */
    mealCounts: ExportMethod;
  };
  readonly agents: {
    /** The collectivity's agents and their roles. Admins. */
    list: Method<typeof adminAgents.listAgents>;
    /** Invites an agent with a role (an activation link for a new account). Admins. */
    invite: Method<typeof adminAgents.inviteAgent>;
    /** Changes an agent's role. Admins. */
    update: Method<typeof adminAgents.updateAgent, ['id']>;
    /** Removes an agent from the collectivity; never the last admin. Admins. */
    remove: Method<typeof adminAgents.removeAgent, ['id']>;
    /** Sets the sites an animator works on (all of them, replacing the previous set). Admins. */
    setSites: Method<typeof adminAgents.setAgentSites, ['id']>;
  };
  readonly requests: {
    /** The requests inbox, newest first by default, with filters; paginated. Agents only. */
    list: ListMethod<typeof adminRequests.listInbox>;
    /** A request with its household, answers, documents and thread. Agents only; audited for health requests. */
    get: Method<typeof adminRequests.getAdminRequest, ['id']>;
    /** The colleagues a request can be assigned to (account id and display name). Admins and agents. */
    assignees: Method<typeof adminRequests.listAssignees>;
    /** Assigns a request (to the caller without `agentAccountId`); a `submitted` one becomes `in_progress`. */
    assign: Method<typeof adminRequests.assignRequest, ['id']>;
    /** Answers in a request's thread; the family is emailed. */
    reply: Method<typeof adminRequests.answerRequest, ['id']>;
    /** Asks the family for more information: posts the message and sets `needs_info`. */
    needsInfo: Method<typeof adminRequests.askForInformation, ['id']>;
    /**
     * Accepts (applying the category's effect to the family file) or rejects (with a reason) a
     * request; a decided one rejects with `409 request_decided`.
     */
    decide: Method<typeof adminRequests.decideRequest, ['id']>;
  };
  readonly requestCategories: {
    /** Every request category, archived ones included. Agents only. */
    list: Method<typeof adminRequests.listAdminCategories>;
    /** Creates a category with its form and documents. Admins only. */
    create: Method<typeof adminRequests.createCategory>;
    /** Changes a category; `archived: true` hides it from parents. Admins only. */
    update: Method<typeof adminRequests.updateCategory, ['id']>;
  };
  readonly attachments: {
    /** Downloads a document of any household of the collectivity. Agents only; every download is audited. */
    download: DownloadMethod;
  };
  readonly auditLog: {
    /**
     * The audit log, newest first, page by page (`for await`): `health: 'true'` keeps the reads
     * of health data, `child` the entries about one child. Admins.
     */
    list: ListMethod<typeof adminAudit.listAuditLog>;
  };
}

/** A client for the back office: {@link FoyerClient} with the whole {@link AdminNamespace}. */
export interface AdminClient extends FoyerClient {
  readonly admin: AdminNamespace;
}

/**
 * Creates a client for the back office. It is apart from {@link createClient} so that the
 * families' widgets do not carry the back office's contract.
 *
 * @example
 * const foyer = createAdminClient({ baseUrl: 'https://api.foyer.example', collectivity: 'ville-de-demo' });
 * await foyer.auth.login({ email, password });
 * const page = await foyer.admin.households.list({ q: 'martin', sort: 'name' });
 */
export function createAdminClient(options: ClientOptions): AdminClient {
  return withAdmin(createClient(options));
}

/**
 * The back office's namespace on top of an existing client, sharing its session: what the
 * back-office elements do with the client of their `<foyer-provider>`.
 *
 * @example
 * const admin = withAdmin(provider.client);
 * const file = await admin.admin.households.get(householdId);
 */
export function withAdmin(client: FoyerClient): AdminClient {
  const method = client.method;
  const list = client.listMethod;
  return {
    ...client,
    admin: {
      lateCancellations: {
        list: method(adminBookings.listLateCancellations),
        decide: method(adminBookings.decideLateCancellation, 'id'),
      },
      dayList: { get: method(adminBookings.getDayList) },
      services: {
        list: method(adminCatalog.listServices),
        create: method(adminCatalog.createService),
        update: method(adminCatalog.updateService, 'id'),
      },
      sites: {
        list: method(adminCatalog.listSites),
        create: method(adminCatalog.createSite),
        update: method(adminCatalog.updateSite, 'id'),
      },
      activities: {
        list: method(adminCatalog.listActivities),
        get: method(adminCatalog.getActivity, 'id'),
        create: method(adminCatalog.createActivity),
        update: method(adminCatalog.updateActivity, 'id'),
      },
      closures: {
        list: method(adminCatalog.listClosures),
        create: method(adminCatalog.createClosure),
        update: method(adminCatalog.updateClosure, 'id'),
        remove: method(adminCatalog.deleteClosure, 'id'),
      },
      households: {
        list: list(adminFamilies.listHouseholds),
        get: method(adminFamilies.getHousehold, 'id'),
        create: method(adminHouseholds.createHousehold),
        anonymise: method(adminHouseholds.anonymiseHousehold, 'id'),
        update: method(adminFamilies.updateHousehold, 'id'),
        setQuotient: method(adminFamilies.setQuotient, 'id'),
        addNote: method(adminFamilies.addNote, 'id'),
        guardians: {
          create: method(adminFamilies.createGuardian, 'id'),
          update: method(adminFamilies.updateGuardian, 'id', 'guardianId'),
          invite: method(adminFamilies.inviteGuardian, 'id', 'guardianId'),
        },
        children: {
          create: method(adminFamilies.createChild, 'id'),
          update: method(adminFamilies.updateChild, 'id', 'childId'),
        },
      },
      enrolments: {
        list: method(adminEnrolments.listEnrolments),
        create: method(adminEnrolments.createEnrolment),
        update: method(adminEnrolments.updateEnrolment, 'id'),
        end: method(adminEnrolments.endEnrolment, 'id'),
      },
      imports: {
        create: method(adminImports.createImport),
        get: method(adminImports.getImport, 'id'),
        list: method(adminImports.listImports),
      },
      joinRequests: {
        list: method(adminJoinRequests.listJoinRequests),
        accept: method(adminJoinRequests.acceptJoinRequest, 'id'),
        refuse: method(adminJoinRequests.refuseJoinRequest, 'id'),
      },
      payments: {
        list: method(adminPayments.listPayments),
        resolve: method(adminPayments.resolvePayment, 'id'),
        overdueInvoices: method(adminPayments.listOverdueInvoices),
      },
      kitchen: {
        mealCounts: method(adminKitchen.getMealCounts),
        daySheet: method(adminKitchen.getDaySheet),
        dietGroups: method(adminKitchen.listDietGroups),
        createDietGroup: method(adminKitchen.createDietGroup),
        updateDietGroup: method(adminKitchen.updateDietGroup, 'id'),
        deleteDietGroup: method(adminKitchen.deleteDietGroup, 'id'),
        setChildDiet: method(adminKitchen.setChildDiet, 'id'),
      },
      rollCall: {
        activities: method(adminRollCall.listRollCallActivities),
        get: method(adminRollCall.getRollCall),
        mark: method(adminRollCall.putRollCallMark, 'markId'),
      },
      billing: {
        runs: method(adminBilling.listBillingRuns),
        run: method(adminBilling.runBilling),
        getRun: method(adminBilling.getBillingRun, 'id'),
        invoices: list(adminBilling.listInvoices),
        invoice: method(adminBilling.getInvoice, 'id'),
        credit: method(adminBilling.creditInvoice, 'id'),
      },
      waitlists: {
        list: method(adminBookings.listWaitlists),
        promote: method(adminBookings.promoteFromWaitlist, 'id'),
      },
      exports: {
        bookings: exporter(client, 'bookings'),
        attendance: exporter(client, 'attendance'),
        mealCounts: exporter(client, 'mealCounts'),
      },
      agents: {
        list: method(adminAgents.listAgents),
        invite: method(adminAgents.inviteAgent),
        update: method(adminAgents.updateAgent, 'id'),
        remove: method(adminAgents.removeAgent, 'id'),
        setSites: method(adminAgents.setAgentSites, 'id'),
      },
      requests: {
        list: list(adminRequests.listInbox),
        get: method(adminRequests.getAdminRequest, 'id'),
        assignees: method(adminRequests.listAssignees),
        assign: method(adminRequests.assignRequest, 'id'),
        reply: method(adminRequests.answerRequest, 'id'),
        needsInfo: method(adminRequests.askForInformation, 'id'),
        decide: method(adminRequests.decideRequest, 'id'),
      },
      requestCategories: {
        list: method(adminRequests.listAdminCategories),
        create: method(adminRequests.createCategory),
        update: method(adminRequests.updateCategory, 'id'),
      },
      attachments: {
        download: downloader(
          (endpoint, parts, options) => client.exchange(endpoint, parts, options),
          attachments.adminDownloadAttachment,
        ),
      },
      auditLog: { list: list(adminAudit.listAuditLog) },
    },
  };
}

/**
 * A file's bytes as base64, for {@link AdminNamespace.imports}`.create({ content })`: the API
 * reads the encoding (UTF-8 or Windows-1252) from the bytes themselves.
 */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
