import type { adminImports } from '@foyer/sdk/contract';
import type { CsvRecord } from './csv.js';

// The import file's columns, as documented in docs/agents.md. One row holds a guardian, a
// child (with an enrolment), or both; rows with the same `id_famille` make one family and
// follow each other.

export const COLUMNS = [
  'id_famille',
  'nom_foyer',
  'quotient_familial',
  'date_quotient',
  'adresse',
  'code_postal',
  'commune',
  'hors_commune',
  'responsable_prenom',
  'responsable_nom',
  'responsable_email',
  'responsable_telephone',
  'responsable_lien',
  'enfant_prenom',
  'enfant_nom',
  'enfant_naissance',
  'ecole',
  'classe',
  'activite',
  'inscription_debut',
  'inscription_fin',
] as const;
export type Column = (typeof COLUMNS)[number];

type ImportError = adminImports.ImportError;

export interface ImportGuardian {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  relationship: string | null;
}

export interface ImportChild {
  firstName: string;
  lastName: string;
  birthDate: string;
  school: string | null;
  schoolClass: string | null;
  enrolments: { activityId: string; from: string; to: string }[];
}

/** A family of the file, gathered from its rows, with the errors that keep it out. */
export interface ImportFamily {
  externalId: string;
  line: number;
  rows: number;
  name: string | null;
  quotient: { value: number; from: string } | null;
  address: { line1: string; postalCode: string; city: string } | null;
  resident: boolean | null;
  guardians: ImportGuardian[];
  children: ImportChild[];
  errors: ImportError[];
}

/** What the rows are checked against: the collectivity's activities by code, and today. */
export interface RowContext {
  activities: Map<string, { id: string; seasonFrom: string; seasonTo: string }>;
  today: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 .()-]{6,20}$/;

/** `JJ/MM/AAAA` or `AAAA-MM-JJ` as `AAAA-MM-JJ`, or null when it is not a real date. */
export function parseDate(value: string): string | null {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = fr ? `${fr[3]}-${fr[2]?.padStart(2, '0')}-${fr[1]?.padStart(2, '0')}` : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Maps the header row to columns; unknown or missing headers are errors of line 1. */
export function readHeader(record: CsvRecord | undefined): { index: Map<Column, number>; errors: ImportError[] } {
  const index = new Map<Column, number>();
  const errors: ImportError[] = [];
  const at = (column: string | null, message: string) => errors.push({ line: 1, column, message, externalId: null });
  if (!record) {
    at(null, 'le fichier est vide');
    return { index, errors };
  }
  record.fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if ((COLUMNS as readonly string[]).includes(name)) index.set(name as Column, i);
    else if (name !== '') at(raw, `colonne inconnue « ${raw} » (voir le format dans la documentation)`);
  });
  if (!index.has('id_famille')) at('id_famille', 'la colonne id_famille est obligatoire');
  return { index, errors };
}

/** Reads one row into its family, recording what is wrong with it by column. */
export function readRow(family: ImportFamily, record: CsvRecord, index: Map<Column, number>, context: RowContext): void {
  const get = (column: Column) => {
    const i = index.get(column);
    return i === undefined ? '' : (record.fields[i] ?? '').trim();
  };
  const fail = (column: Column | null, message: string) =>
    family.errors.push({ line: record.line, column, message, externalId: family.externalId });
  family.rows++;
  const name = get('nom_foyer');
  if (name) {
    if (family.name && family.name !== name) fail('nom_foyer', `le nom du foyer diffère de celui de la ligne ${family.line}`);
    else if (name.length > 200) fail('nom_foyer', 'le nom du foyer dépasse 200 caractères');
    else family.name = name;
  }
  readHousehold(family, get, fail, context);
  const guardianGiven = ['responsable_prenom', 'responsable_nom', 'responsable_email', 'responsable_telephone'].some((c) =>
    get(c as Column),
  );
  if (guardianGiven) readGuardian(family, get, fail);
  const childGiven = ['enfant_prenom', 'enfant_nom', 'enfant_naissance'].some((c) => get(c as Column));
  if (childGiven) readChild(family, get, fail, context);
  else if (get('activite')) fail('enfant_prenom', "une inscription à une activité demande l'enfant sur la même ligne");
  if (!guardianGiven && !childGiven && !name) fail(null, 'la ligne ne contient ni responsable ni enfant');
}

type Get = (column: Column) => string;
type Fail = (column: Column | null, message: string) => void;

function readHousehold(family: ImportFamily, get: Get, fail: Fail, context: RowContext): void {
  const quotient = get('quotient_familial');
  if (quotient) {
    const value = Number(quotient.replace(/\s/g, ''));
    const from = get('date_quotient') ? parseDate(get('date_quotient')) : context.today;
    if (!Number.isInteger(value) || value < 0 || value > 100_000)
      fail('quotient_familial', 'le quotient familial doit être un nombre entier de 0 à 100000');
    else if (!from) fail('date_quotient', 'la date du quotient doit être une date JJ/MM/AAAA');
    else family.quotient = { value, from };
  }
  const [line1, postalCode, city] = [get('adresse'), get('code_postal'), get('commune')];
  if (line1 || postalCode || city) {
    if (!line1) fail('adresse', "l'adresse est obligatoire avec le code postal et la commune");
    else if (!/^\d{5}$/.test(postalCode)) fail('code_postal', 'le code postal doit avoir 5 chiffres');
    else if (!city) fail('commune', 'la commune est obligatoire avec l’adresse');
    else family.address = { line1, postalCode, city };
  }
  const outside = get('hors_commune').toLowerCase();
  if (outside) {
    if (outside === 'oui') family.resident = false;
    else if (outside === 'non') family.resident = true;
    else fail('hors_commune', 'hors_commune vaut oui ou non');
  }
}

function readGuardian(family: ImportFamily, get: Get, fail: Fail): void {
  const [firstName, lastName, email, phone] = [
    get('responsable_prenom'),
    get('responsable_nom'),
    get('responsable_email').toLowerCase(),
    get('responsable_telephone'),
  ];
  const before = family.errors.length;
  if (!firstName) fail('responsable_prenom', 'le prénom du responsable est obligatoire');
  if (!lastName) fail('responsable_nom', 'le nom du responsable est obligatoire');
  if (email && !EMAIL.test(email)) fail('responsable_email', `« ${email} » n'est pas une adresse e-mail`);
  if (phone && !PHONE.test(phone)) fail('responsable_telephone', `« ${phone} » n'est pas un numéro de téléphone`);
  if (family.errors.length > before) return;
  const same = family.guardians.find(
    (g) => (email && g.email === email) || (g.firstName === firstName && g.lastName === lastName),
  );
  if (same) return;
  family.guardians.push({
    firstName,
    lastName,
    email: email || null,
    phone: phone || null,
    relationship: get('responsable_lien') || null,
  });
}

function readChild(family: ImportFamily, get: Get, fail: Fail, context: RowContext): void {
  const [firstName, lastName, born] = [get('enfant_prenom'), get('enfant_nom'), get('enfant_naissance')];
  const birthDate = parseDate(born);
  const before = family.errors.length;
  if (!firstName) fail('enfant_prenom', "le prénom de l'enfant est obligatoire");
  if (!lastName) fail('enfant_nom', "le nom de l'enfant est obligatoire");
  if (!birthDate)
    fail('enfant_naissance', born ? `« ${born} » n'est pas une date JJ/MM/AAAA` : 'la date de naissance est obligatoire');
  if (family.errors.length > before || !birthDate) return;
  let child = family.children.find((c) => c.firstName === firstName && c.birthDate === birthDate);
  if (!child) {
    child = { firstName, lastName, birthDate, school: get('ecole') || null, schoolClass: get('classe') || null, enrolments: [] };
    family.children.push(child);
  }
  const code = get('activite');
  if (!code) return;
  const activity = context.activities.get(code.toUpperCase());
  if (!activity) {
    fail('activite', `aucune activité n'a le code « ${code} »`);
    return;
  }
  const from = get('inscription_debut') ? parseDate(get('inscription_debut')) : activity.seasonFrom;
  const to = get('inscription_fin') ? parseDate(get('inscription_fin')) : activity.seasonTo;
  if (!from) {
    fail('inscription_debut', "le début de l'inscription doit être une date JJ/MM/AAAA");
    return;
  }
  if (!to) {
    fail('inscription_fin', "la fin de l'inscription doit être une date JJ/MM/AAAA");
    return;
  }
  if (from > to) {
    fail('inscription_fin', "la fin de l'inscription doit suivre son début");
    return;
  }
  if (!child.enrolments.some((e) => e.activityId === activity.id && e.from === from)) {
    child.enrolments.push({ activityId: activity.id, from, to });
  }
}

/** The checks of a whole family, once its rows are read without error. */
export function finishFamily(family: ImportFamily): void {
  if (family.errors.length > 0) return;
  const at = (column: Column, message: string) =>
    family.errors.push({ line: family.line, column, message, externalId: family.externalId });
  if (!family.name) at('nom_foyer', 'le nom du foyer est obligatoire (sur au moins une ligne de la famille)');
  if (family.guardians.length === 0) at('responsable_nom', 'la famille doit avoir au moins un responsable');
}

/**
 * Groups the records into families, in the file's order. The rows of a family follow each
 * other: an id met again after another family's rows is a duplicate (two exports pasted
 * together, or two families given one id) and refused.
 */
export function readFamilies(records: CsvRecord[], index: Map<Column, number>, context: RowContext): ImportFamily[] {
  const families: ImportFamily[] = [];
  const seen = new Map<string, ImportFamily>();
  let current: ImportFamily | undefined;
  const column = index.get('id_famille') ?? 0;
  for (const record of records) {
    const externalId = (record.fields[column] ?? '').trim();
    if (!externalId) {
      const orphan = emptyFamily(`ligne-${record.line}`, record.line);
      orphan.errors.push({
        line: record.line,
        column: 'id_famille',
        message: "l'identifiant de la famille est obligatoire",
        externalId: null,
      });
      families.push(orphan);
      continue;
    }
    if (current?.externalId !== externalId) {
      const earlier = seen.get(externalId);
      if (earlier) {
        earlier.errors.push({
          line: record.line,
          column: 'id_famille',
          message: `l'identifiant « ${externalId} » est déjà celui des lignes à partir de ${earlier.line} (les lignes d'une famille se suivent)`,
          externalId,
        });
        current = earlier;
        continue;
      }
      current = emptyFamily(externalId, record.line);
      seen.set(externalId, current);
      families.push(current);
    }
    if (externalId.length > 100)
      current.errors.push({
        line: record.line,
        column: 'id_famille',
        message: "l'identifiant dépasse 100 caractères",
        externalId,
      });
    readRow(current, record, index, context);
  }
  for (const family of families) finishFamily(family);
  return families;
}

function emptyFamily(externalId: string, line: number): ImportFamily {
  return {
    externalId,
    line,
    rows: 0,
    name: null,
    quotient: null,
    address: null,
    resident: null,
    guardians: [],
    children: [],
    errors: [],
  };
}
