/**
 * The other families of Ville de Démo, without accounts: they fill the agents' lists, the
 * kitchen's meal counts and the leisure centre.
 */
import { type ChildSpec, EVERY_SCHOOL_DAY, type HouseholdSpec } from './demo-households.js';

/** A household of the town with its guardians' mobiles derived from the home phone. */
function family(
  lastName: string,
  details: Pick<HouseholdSpec, 'line1' | 'phone' | 'familyQuotient'> & { resident?: boolean },
  guardians: [first: string, relationship: string, last?: string][],
  children: ChildSpec[],
): HouseholdSpec {
  const upper = lastName.toLocaleUpperCase('fr');
  return {
    name: `Famille ${lastName}`,
    lastName: upper,
    department: '31',
    resident: details.resident ?? true,
    line1: details.line1,
    phone: details.phone,
    familyQuotient: details.familyQuotient,
    guardians: guardians.map(([firstName, relationship, last], index) => ({
      firstName,
      lastName: last ?? upper,
      relationship,
      phoneMobile: `06 39 98 ${details.phone.slice(-5, -3)} ${String(50 + index).padStart(2, '0')}`,
    })),
    children,
  };
}

/** In the order agents created them. */
export const OTHER_DEMO_HOUSEHOLDS: readonly HouseholdSpec[] = [
  family(
    'Bernard',
    { line1: '7 rue Victor Hugo', phone: '05 36 49 31 07', familyQuotient: 640 },
    [
      ['Sophie', 'Mère'],
      ['Thomas', 'Père'],
    ],
    [
      {
        firstName: 'Emma',
        schoolClass: 'CP',
        birthday: '02-11',
        canteenDays: EVERY_SCHOOL_DAY,
        eveningCare: true,
        leisureCentre: true,
      },
      {
        firstName: 'Hugo',
        schoolClass: 'MS',
        birthday: '10-30',
        canteenDays: EVERY_SCHOOL_DAY,
        eveningCare: true,
        leisureCentre: true,
      },
    ],
  ),
  family(
    'Dubois',
    { line1: '23 avenue de la République', phone: '05 36 49 32 23', familyQuotient: 410 },
    [['Nathalie', 'Mère']],
    [
      {
        firstName: 'Chloé',
        schoolClass: 'CM2',
        birthday: '05-19',
        canteenDays: EVERY_SCHOOL_DAY,
        morningCare: true,
        leisureCentre: true,
      },
      {
        firstName: 'Louis',
        schoolClass: 'CE1',
        birthday: '12-03',
        canteenDays: EVERY_SCHOOL_DAY,
        morningCare: true,
        leisureCentre: true,
      },
    ],
  ),
  family(
    'Nguyen',
    { line1: '3 place du Marché', phone: '05 36 49 33 03', familyQuotient: 1380 },
    [
      ['Linh', 'Mère'],
      ['Minh', 'Père'],
    ],
    [
      { firstName: 'Jade', schoolClass: 'CE2', birthday: '07-08', canteenDays: [1, 2, 4], leisureCentre: true },
      { firstName: 'Théo', schoolClass: 'PS', birthday: '04-25', canteenDays: [1, 2, 4], leisureCentre: true },
    ],
  ),
  family(
    'Benali',
    { line1: '18 rue Jean Jaurès', phone: '05 36 49 34 18', familyQuotient: 560 },
    [
      ['Karima', 'Mère'],
      ['Youssef', 'Père'],
    ],
    [
      {
        firstName: 'Inès',
        schoolClass: 'CM1',
        birthday: '01-27',
        canteenDays: EVERY_SCHOOL_DAY,
        eveningCare: true,
        leisureCentre: true,
      },
      {
        firstName: 'Sami',
        schoolClass: 'CP',
        birthday: '08-16',
        canteenDays: EVERY_SCHOOL_DAY,
        eveningCare: true,
        leisureCentre: true,
      },
      {
        firstName: 'Adam',
        schoolClass: 'GS',
        birthday: '11-05',
        canteenDays: EVERY_SCHOOL_DAY,
        eveningCare: true,
        leisureCentre: true,
        allergies: ['gluten'],
        carePlanNotes: 'PAI : repas de substitution fourni par la famille, réfrigérateur de l’office',
      },
    ],
  ),
  family(
    'Petit',
    { line1: '9 chemin du Moulin', phone: '05 36 49 35 09', familyQuotient: 890, resident: false },
    [['Aurélie', 'Mère']],
    [
      {
        firstName: 'Manon',
        schoolClass: 'CE1',
        birthday: '03-02',
        canteenDays: [1, 2, 5],
        morningCare: true,
        leisureCentre: true,
      },
    ],
  ),
  family(
    'Moreau-Lefebvre',
    { line1: '27 boulevard Gambetta', phone: '05 36 49 36 27', familyQuotient: 1720 },
    [
      ['Claire', 'Mère', 'MOREAU'],
      ['Antoine', 'Père', 'LEFEBVRE'],
    ],
    [
      { firstName: 'Gabriel', schoolClass: 'CM2', birthday: '06-21', canteenDays: [2, 4], leisureCentre: true },
      { firstName: 'Alice', schoolClass: 'CE2', birthday: '09-12', canteenDays: [2, 4], leisureCentre: true },
    ],
  ),
  family(
    'Diallo',
    { line1: '5 résidence Les Peupliers', phone: '05 36 49 37 05', familyQuotient: 480 },
    [
      ['Aminata', 'Mère'],
      ['Moussa', 'Père'],
    ],
    [
      { firstName: 'Ibrahima', schoolClass: 'CE1', birthday: '02-28', canteenDays: EVERY_SCHOOL_DAY, leisureCentre: true },
      { firstName: 'Fatou', schoolClass: 'MS', birthday: '12-19', canteenDays: EVERY_SCHOOL_DAY, leisureCentre: true },
    ],
  ),
  family(
    'Rousseau',
    { line1: '41 rue Pasteur', phone: '05 36 49 38 41', familyQuotient: 950 },
    [['Élodie', 'Mère']],
    [
      {
        firstName: 'Arthur',
        schoolClass: 'CP',
        birthday: '10-09',
        canteenDays: EVERY_SCHOOL_DAY,
        eveningCare: true,
        leisureCentre: true,
      },
      {
        firstName: 'Lina',
        schoolClass: 'PS',
        birthday: '01-15',
        canteenDays: [1, 2, 4, 5],
        eveningCare: true,
        leisureCentre: true,
      },
    ],
  ),
  family(
    'Garcia',
    { line1: '2 allée des Acacias', phone: '05 36 49 39 02', familyQuotient: 700 },
    [
      ['Laura', 'Mère'],
      ['David', 'Père'],
    ],
    [
      { firstName: 'Nathan', schoolClass: 'CM1', birthday: '04-04', canteenDays: EVERY_SCHOOL_DAY, leisureCentre: true },
      { firstName: 'Zoé', schoolClass: 'GS', birthday: '07-30', canteenDays: EVERY_SCHOOL_DAY, leisureCentre: true },
    ],
  ),
  family(
    'Lambert',
    { line1: '14 route de Toulouse', phone: '05 36 49 40 14', familyQuotient: 1210, resident: false },
    [['Sandrine', 'Mère']],
    [{ firstName: 'Raphaël', schoolClass: 'CE2', birthday: '11-22', canteenDays: [1, 4] }],
  ),
  family(
    'Fontaine',
    { line1: '33 rue des Écoles', phone: '05 36 49 41 33', familyQuotient: 830 },
    [
      ['Julie', 'Mère'],
      ['Mehdi', 'Beau-père', 'HADDAD'],
    ],
    [
      {
        firstName: 'Lucas',
        schoolClass: 'CM2',
        birthday: '08-01',
        canteenDays: EVERY_SCHOOL_DAY,
        morningCare: true,
        eveningCare: true,
        leisureCentre: true,
      },
      {
        firstName: 'Mila',
        schoolClass: 'CE1',
        birthday: '05-06',
        canteenDays: EVERY_SCHOOL_DAY,
        morningCare: true,
        eveningCare: true,
        leisureCentre: true,
      },
      {
        firstName: 'Noé',
        schoolClass: 'MS',
        birthday: '03-29',
        canteenDays: EVERY_SCHOOL_DAY,
        morningCare: true,
        eveningCare: true,
        leisureCentre: true,
      },
    ],
  ),
  family(
    'Girard',
    { line1: '6 rue de la Fontaine', phone: '05 36 49 42 06', familyQuotient: null },
    [['Céline', 'Mère']],
    [
      { firstName: 'Louise', schoolClass: 'CP', birthday: '09-03', canteenDays: EVERY_SCHOOL_DAY, leisureCentre: true },
      { firstName: 'Jules', schoolClass: 'GS', birthday: '02-14', canteenDays: EVERY_SCHOOL_DAY, leisureCentre: true },
    ],
  ),
];
