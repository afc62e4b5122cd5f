// What a connector config reaches, for the people who approve it: the
// topics it reads and writes with their owners, the files on the worker,
// the secrets it references and the code it loads. Pure: it reads only the
// config, Connect's plugin type and the namespaces, and names keys as the
// config policy (connectorRules.ts) does, so it shows what was checked.
import {
  configProviderReferences,
  Namespace,
  namespaceOf,
} from '@eventport/plugin-event-streaming-common';
import {
  ALIASED_CLASS_KEY,
  CLASS_KEY,
  CONVERTER_KEY,
  FILE_KEY,
  list,
  OVERRIDE_PREFIX,
  TOPIC_KEY,
  TOPIC_PREFIX_KEY,
} from './connectorRules';

export interface Reach {
  topics: Array<{ label: string; detail: string }>;
  files: Array<{ label: string; detail: string }>;
  references: Array<{ label: string; detail: string }>;
  classes: Array<{ label: string; detail: string }>;
}

function ownerOf(topic: string, namespaces: readonly Namespace[]) {
  const ns = namespaceOf(topic, namespaces);
  return ns ? `owned by ${ns.owner}` : 'in no namespace';
}

function prefixOwner(prefix: string, namespaces: readonly Namespace[]) {
  // A prefix belongs to the namespace its first topic would.
  return ownerOf(`${prefix}x`, namespaces);
}

/**
 * The reach of a config. `type` is Connect's plugin type (`source`, `sink`
 * or `unknown`); a sink's `topics` are read, the topic settings of others
 * are written.
 */
export function connectorReach(
  type: string,
  config: Record<string, string>,
  namespaces: readonly Namespace[],
): Reach {
  const reach: Reach = { topics: [], files: [], references: [], classes: [] };
  const seenTopics = new Set<string>();
  const addTopic = (label: string, detail: string) => {
    if (seenTopics.has(label)) return;
    seenTopics.add(label);
    reach.topics.push({ label, detail });
  };
  for (const [key, raw] of Object.entries(config)) {
    const value = String(raw);
    const refs = configProviderReferences(value);
    for (const ref of refs) {
      reach.references.push({
        label: ref.text,
        detail: `in ${key}; the worker resolves it, Eventport never reads its value`,
      });
    }
    if (refs.length || OVERRIDE_PREFIX.test(key)) continue;
    // Transforms and predicates name topics only through a router, below.
    const aliased =
      key.startsWith('transforms.') || key.startsWith('predicates.');
    if (
      key === 'connector.class' ||
      CONVERTER_KEY.test(key) ||
      ALIASED_CLASS_KEY.test(key) ||
      CLASS_KEY.test(key)
    ) {
      for (const c of list(value))
        reach.classes.push({ label: c, detail: key });
      continue;
    }
    if (aliased) continue;
    if (FILE_KEY.test(key)) {
      for (const f of list(value)) {
        reach.files.push({
          label: f,
          detail: `${key}, on the Connect workers`,
        });
      }
      continue;
    }
    if (key === 'topics.regex') {
      addTopic(
        `/${value}/`,
        type === 'sink'
          ? 'reads every topic matching it, also those created later'
          : `${key}`,
      );
    } else if (TOPIC_PREFIX_KEY.test(key)) {
      addTopic(
        `${value}…`,
        `writes topics starting with it (${key}), ${prefixOwner(
          value,
          namespaces,
        )}`,
      );
    } else if (TOPIC_KEY.test(key)) {
      const reads = key === 'topics' && type === 'sink';
      for (const t of list(value)) {
        addTopic(
          t,
          `${reads ? 'reads' : 'writes'} it, ${ownerOf(t, namespaces)}`,
        );
      }
    }
  }
  if (type !== 'sink') {
    for (const alias of list(config.transforms ?? '')) {
      const kind = config[`transforms.${alias}.type`] ?? '';
      if (kind.endsWith('RegexRouter')) {
        const literal = (config[`transforms.${alias}.replacement`] ?? '').split(
          '$',
        )[0];
        addTopic(
          `${literal}…`,
          `writes topics renamed by transform ${alias}, ${prefixOwner(
            literal,
            namespaces,
          )}`,
        );
      }
    }
  }
  return reach;
}
