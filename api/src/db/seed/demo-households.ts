/**
 * The families of the demo, as plain data: who lives where, who looks after whom, which class
 * each child is in and what they are enrolled in. `demo-families.ts` inserts them.
 */
import type { AuthorisedPickup } from '../schema.js';

/** A class of the French école maternelle (PS, MS, GS) or élémentaire (CP … CM2). */
export type SchoolClass = 'PS' | 'MS' | 'GS' | 'CP' | 'CE1' | 'CE2' | 'CM1' | 'CM2';

/** How many years before the rentrée a child of each class was born (a CP pupil turns 6 that calendar year). */
export const BIRTH_YEARS_BEFORE_RENTREE: Readonly<Record<SchoolClass, number>> = {
  PS: 3,
  MS: 4,
  GS: 5,
  CP: 6,
  CE1: 7,
  CE2: 8,
  CM1: 9,
  CM2: 10,
};

/** Which demo account a guardian logs in with. */
export type DemoAccountKey = 'parent' | 'parent2';

export interface GuardianSpec {
  firstName: string;
  lastName: string;
  relationship: string;
  email?: string;
  phoneMobile?: string;
  phoneWork?: string;
  account?: DemoAccountKey;
}

export interface ChildSpec {
  firstName: string;
  schoolClass: SchoolClass;
  /** `MM-DD` of the birthday; the year follows from the class and the school year. */
  birthday: string;
  /** ISO weekdays of the child's usual canteen days. */
  canteenDays: number[];
  morningCare?: boolean;
  eveningCare?: boolean;
  leisureCentre?: boolean;
  allergies?: string[];
  healthNotes?: string;
  carePlanNotes?: string;
  authorisedPickups?: AuthorisedPickup[];
}

export interface HouseholdSpec {
  name: string;
  lastName: string;
  department: string;
  line1: string;
  phone: string;
  familyQuotient: number | null;
  resident: boolean;
  guardians: GuardianSpec[];
  children: ChildSpec[];
}

/** The four school days of the week: Monday, Tuesday, Thursday, Friday. */
export const EVERY_SCHOOL_DAY = [1, 2, 4, 5];

/** The household the demo parent logs into; its children carry the whole demo story. */
export const SANCHEZ_CORDOVES: HouseholdSpec = {
  name: 'Famille Sanchez-Cordoves',
  lastName: 'SANCHEZ-CORDOVES',
  department: '31',
  line1: '12 rue des Lilas',
  phone: '05 36 49 12 34',
  familyQuotient: 720,
  resident: true,
  guardians: [
    {
      firstName: 'Maria',
      lastName: 'SANCHEZ-CORDOVES',
      relationship: 'Mère',
      email: 'parent.demo@example.org',
      phoneMobile: '06 39 98 12 34',
      account: 'parent',
    },
    {
      firstName: 'Diego',
      lastName: 'SANCHEZ-CORDOVES',
      relationship: 'Père',
      phoneMobile: '06 39 98 56 78',
      phoneWork: '05 36 49 88 10',
    },
  ],
  children: [
    {
      firstName: 'Alvaro',
      schoolClass: 'CE2',
      birthday: '03-14',
      canteenDays: EVERY_SCHOOL_DAY,
      morningCare: true,
      eveningCare: true,
      leisureCentre: true,
    },
    {
      firstName: 'Lucia',
      schoolClass: 'GS',
      birthday: '06-02',
      canteenDays: EVERY_SCHOOL_DAY,
      eveningCare: true,
      leisureCentre: true,
      allergies: ['arachide'],
      healthNotes: 'Allergie sévère à l’arachide : aucun produit à base d’arachide.',
      carePlanNotes: 'Trousse PAI dans le bureau de la direction',
      authorisedPickups: [{ name: 'Carmen Ruiz', relationship: 'grand-mère', phone: '06 12 34 56 78' }],
    },
  ],
};

/** The second demo parent's household. */
export const MARTIN: HouseholdSpec = {
  name: 'Famille Martin',
  lastName: 'MARTIN',
  department: '31',
  line1: '4 impasse des Vignes',
  phone: '05 36 49 20 41',
  familyQuotient: 1050,
  resident: true,
  guardians: [
    {
      firstName: 'Camille',
      lastName: 'MARTIN',
      relationship: 'Mère',
      email: 'parent2.demo@example.org',
      phoneMobile: '06 39 98 20 41',
      account: 'parent2',
    },
    { firstName: 'Julien', lastName: 'MARTIN', relationship: 'Père', phoneMobile: '06 39 98 20 42' },
  ],
  children: [{ firstName: 'Léo', schoolClass: 'CM1', birthday: '09-23', canteenDays: EVERY_SCHOOL_DAY, leisureCentre: true }],
};

/** The demo parent's household in Saint-Exemple: same account, another town, one child at its school. */
export const SANCHEZ_CORDOVES_IN_SECOND_TOWN: HouseholdSpec = {
  name: 'Famille Sanchez-Cordoves',
  lastName: 'SANCHEZ-CORDOVES',
  department: '69',
  line1: '3 montée du Château',
  phone: '04 65 71 12 34',
  familyQuotient: 720,
  resident: true,
  guardians: [
    {
      firstName: 'Maria',
      lastName: 'SANCHEZ-CORDOVES',
      relationship: 'Mère',
      email: 'parent.demo@example.org',
      phoneMobile: '06 39 98 12 34',
      account: 'parent',
    },
  ],
  children: [{ firstName: 'Mateo', schoolClass: 'CM2', birthday: '10-17', canteenDays: [1, 2, 4, 5] }],
};
