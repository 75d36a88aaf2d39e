// The identifier rules live beside the contract, which validates every request with them and
// which the back office's forms share (see `sdk/src/contract/sepa-identifiers.ts`).
export {
  checkIban,
  formatIban,
  type IbanCheck,
  type IbanProblem,
  ibanOf,
  isBic,
  isCreditorIdentifier,
  isIban,
  isMandateReference,
  type MandateReferenceProblem,
  mandateReferenceProblem,
  maskIban,
  normalizeBic,
  normalizeCreditorIdentifier,
  normalizeIban,
  SEPA_COUNTRIES,
} from '@foyer/sdk/contract';
