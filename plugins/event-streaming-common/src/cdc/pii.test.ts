import { piiReason } from './pii';
import {
  cdcColumnSchema,
  cdcIntrospectionSchema,
  cdcPreflightCheckSchema,
} from './schemas';

describe('piiReason', () => {
  it.each([
    ['email', 'email address'],
    ['customer_email', 'email address'],
    ['EmailAddress', 'email address'],
    ['e_mail', 'email address'],
    ['phone', 'phone number'],
    ['mobile_phone', 'phone number'],
    ['phoneNumber', 'phone number'],
    ['telephone', 'phone number'],
    ['fax', 'phone number'],
    ['ssn', 'national identity number'],
    ['SSN', 'national identity number'],
    ['social_security_number', 'national identity number'],
    ['birth_date', 'date of birth'],
    ['date_of_birth', 'date of birth'],
    ['birthdate', 'date of birth'],
    ['dateOfBirth', 'date of birth'],
    ['dob', 'date of birth'],
    ['address', 'postal address'],
    ['street_address', 'postal address'],
    ['billingAddressLine1', 'postal address'],
    ['zip', 'postal address'],
    ['postal_code', 'postal address'],
    ['ip_address', 'IP address'],
    ['IPAddress', 'IP address'],
    ['client_ip', 'IP address'],
    ['card_number', 'payment card data'],
    ['creditcard', 'payment card data'],
    ['creditCardNumber', 'payment card data'],
    ['pan', 'payment card data'],
    ['cvv', 'payment card data'],
    ['iban', 'bank account'],
    ['IBAN', 'bank account'],
    ['bank_account_number', 'bank account'],
    ['password', 'password or secret'],
    ['password_hash', 'password or secret'],
    ['passwd', 'password or secret'],
    ['client_secret', 'password or secret'],
    ['api_key', 'password or secret'],
    ['first_name', 'personal name'],
    ['firstName', 'personal name'],
    ['last_name', 'personal name'],
    ['surname', 'personal name'],
    ['full_name', 'personal name'],
    ['passport_number', 'identity document number'],
    ['tax_id', 'tax identifier'],
  ])('flags %s as %s', (name, reason) => {
    expect(piiReason(name)).toBe(reason);
  });

  it.each([
    'id',
    'customer_id',
    'name',
    'username',
    'product_name',
    'company',
    'span',
    'expand',
    'cardinality',
    'created_at',
    'status',
    'amount_cents',
    'description',
    'hotel_id',
    'pancake_count',
    'shipped',
  ])('does not flag %s', name => {
    expect(piiReason(name)).toBeUndefined();
  });
});

describe('CDC schemas', () => {
  it('parses an introspection result and rejects a column without flags', () => {
    const column = {
      name: 'email',
      dataType: 'text',
      nullable: false,
      primaryKey: false,
      pii: true,
      piiReason: 'email address',
    };
    expect(
      cdcIntrospectionSchema.parse({
        sourceId: 'shop',
        type: 'postgres',
        serverVersion: '15.14',
        schemas: [
          {
            name: 'public',
            tables: [
              { name: 'customers', primaryKey: ['id'], columns: [column] },
            ],
          },
        ],
      }).schemas[0].tables[0].columns,
    ).toEqual([column]);
    expect(
      cdcColumnSchema.safeParse({ name: 'x', dataType: 'int', nullable: true })
        .success,
    ).toBe(false);
  });

  it('parses a failed pre-flight check with its fix', () => {
    const check = {
      id: 'wal-level',
      title: 'Logical decoding (wal_level)',
      passed: false,
      detail: 'wal_level is replica',
      fix: 'ALTER SYSTEM SET wal_level = logical;',
    };
    expect(cdcPreflightCheckSchema.parse(check)).toEqual(check);
    expect(
      cdcPreflightCheckSchema.safeParse({ ...check, passed: 'no' }).success,
    ).toBe(false);
  });
});
