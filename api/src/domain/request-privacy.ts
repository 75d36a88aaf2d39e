/** The effects a request category can have on the family file (as in the contract's `RequestEffect`). */
type RequestEffect = 'address' | 'allergy' | 'pickup';

/**
 * Whether an agent reading a request sees a child's protected data, so that the read is
 * audited like the day list's and the roll call's: an allergy / care-plan request (health), or
 * a pick-up authorisation (who may take the child away, with their identity document).
 */
export function requestShowsProtectedData(effect: RequestEffect | null): boolean {
  return effect === 'allergy' || effect === 'pickup';
}
