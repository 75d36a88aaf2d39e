import type { Command } from '../command.js';
import { agentInvite } from './agent.js';
import { billingIssue, billingPreview } from './billing.js';
import { collectivityCreate, collectivityList, collectivitySet, originAdd, originList, originRemove } from './collectivity.js';
import { familiesImport } from './families-import.js';
import { keysRotate } from './keys-rotate.js';
import { migrate } from './migrate.js';
import { payfipSet } from './payfip.js';
import { schoolCalendarImport } from './school-calendar-import.js';

/**
 * Every `foyer` command, in the order `foyer --help` lists them. A new command is one file in
 * this folder and one line here; commands sharing a first word (`origin add`, `origin list`)
 * are grouped by `foyer origin --help`.
 */
export const COMMANDS: readonly Command[] = [
  migrate,
  collectivityCreate,
  collectivitySet,
  collectivityList,
  originAdd,
  originRemove,
  originList,
  agentInvite,
  schoolCalendarImport,
  familiesImport,
  keysRotate,
  billingPreview,
  billingIssue,
  payfipSet,
];
