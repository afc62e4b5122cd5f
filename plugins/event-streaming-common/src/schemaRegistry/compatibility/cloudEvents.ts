import { isObject, Json } from './jsonSchemaModel';
import { SchemaParseError } from './types';

/** The context attributes every CloudEvent carries (CloudEvents 1.0). */
export const CLOUDEVENTS_REQUIRED = ['specversion', 'id', 'source', 'type'];

/**
 * Problems with a CloudEvents artifact: a JSON Schema of the event envelope
 * that declares and requires `specversion`, `id`, `source` and `type`, and
 * declares `data`. An empty list means the envelope is valid.
 *
 * @public
 */
export function cloudEventsEnvelopeProblems(text: string): string[] {
  let schema: Json;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw new SchemaParseError(`not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(schema)) {
    return [
      'a CloudEvents schema is a JSON Schema object of the event envelope',
    ];
  }
  const problems: string[] = [];
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const name of CLOUDEVENTS_REQUIRED) {
    if (!(name in properties)) {
      problems.push(
        `the envelope does not declare the "${name}" attribute under properties`,
      );
    } else if (!required.includes(name)) {
      problems.push(
        `"${name}" is required by CloudEvents but not listed in "required"`,
      );
    }
  }
  if (!('data' in properties)) {
    problems.push('the envelope declares no "data" schema under properties');
  }
  const specversion = properties.specversion;
  if (isObject(specversion)) {
    const allowed =
      specversion.const ??
      (Array.isArray(specversion.enum) ? specversion.enum : undefined);
    const ok = (v: Json) => v === '1.0';
    if (
      allowed !== undefined &&
      !(Array.isArray(allowed) ? allowed.some(ok) : ok(allowed))
    ) {
      problems.push('"specversion" must allow "1.0"');
    }
  }
  return problems;
}
