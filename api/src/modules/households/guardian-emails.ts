import type { Executor } from '../../db/database.js';

/**
 * The addresses to write to about a household: its guardians' emails, each once (compared
 * without case), in the caller's transaction so that the emails queued leave only if it commits.
 */
export async function guardianEmails(db: Executor, collectivityId: string, householdId: string): Promise<string[]> {
  const guardians = await db
    .selectFrom('guardians')
    .select('email')
    .where('collectivity_id', '=', collectivityId)
    .where('household_id', '=', householdId)
    .where('email', 'is not', null)
    .orderBy('email')
    .execute();
  const seen = new Map<string, string>();
  for (const { email } of guardians) if (email && !seen.has(email.toLowerCase())) seen.set(email.toLowerCase(), email);
  return [...seen.values()];
}
