/**
 * A rule: a column is flagged when one of its name's words equals a `word`,
 * or when its words run together contain a `part` (so `dateOfBirth`,
 * `date_of_birth` and `birthdate` all match `birth`).
 */
interface PiiRule {
  reason: string;
  words?: string[];
  parts?: string[];
}

// Order matters: `email_address` is an email address, not a postal address.
const RULES: PiiRule[] = [
  {
    reason: 'password or secret',
    words: ['pwd'],
    parts: [
      'password',
      'passwd',
      'passphrase',
      'secret',
      'apikey',
      'accesstoken',
      'refreshtoken',
      'authtoken',
      'apitoken',
      'privatekey',
    ],
  },
  { reason: 'email address', words: ['mail'], parts: ['email'] },
  {
    reason: 'phone number',
    words: ['mobile', 'fax', 'tel'],
    parts: ['phone', 'msisdn'],
  },
  {
    reason: 'national identity number',
    words: ['ssn'],
    parts: ['socialsecurity', 'nationalid', 'nationalinsurance'],
  },
  { reason: 'tax identifier', parts: ['taxid', 'taxnumber', 'vatnumber'] },
  {
    reason: 'identity document number',
    parts: ['passport', 'driverlicen', 'driverslicen', 'drivinglicen'],
  },
  { reason: 'date of birth', words: ['dob'], parts: ['birth'] },
  {
    reason: 'payment card data',
    words: ['card', 'pan', 'cvv', 'cvc'],
    parts: ['creditcard', 'debitcard', 'cardnumber', 'ccnumber'],
  },
  {
    reason: 'bank account',
    parts: [
      'iban',
      'bankaccount',
      'accountnumber',
      'routingnumber',
      'sortcode',
    ],
  },
  { reason: 'IP address', words: ['ip'], parts: ['ipaddr'] },
  {
    reason: 'postal address',
    words: ['zip', 'addr'],
    parts: ['address', 'street', 'postcode', 'postalcode', 'zipcode'],
  },
  {
    reason: 'personal name',
    parts: [
      'firstname',
      'lastname',
      'fullname',
      'surname',
      'givenname',
      'familyname',
      'middlename',
      'maidenname',
      'forename',
    ],
  },
];

/** `dateOfBirth`, `IPAddress`, `e-mail_2` -> `date of birth`, `ip address`, `e mail 2`. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Why a column name suggests personal or secret data, or undefined when it
 * does not: `piiReason('customer_email')` is `email address`. It looks at
 * the name only, so it is a hint for the person choosing what to capture,
 * not a guarantee: `name` alone, `username` or `company` are not flagged.
 *
 * @public
 */
export function piiReason(columnName: string): string | undefined {
  const words = wordsOf(columnName);
  const joined = words.join('');
  for (const rule of RULES) {
    if (
      rule.words?.some(w => words.includes(w)) ||
      rule.parts?.some(p => joined.includes(p))
    ) {
      return rule.reason;
    }
  }
  return undefined;
}
