// Pure rules of what a connector config may name: topics, classes, files,
// client overrides and config-provider references. ConnectorConfigPolicy
// applies them with the owner's rights; nothing here talks to a server.
import {
  configProviderReferences,
  isSecretConfigKey,
  Namespace,
  namespaceOf,
} from '@eventport/plugin-event-streaming-common';
import {
  ConnectPolicyConfig,
  isNormalisedAbsolutePath,
} from '@eventport/plugin-event-streaming-node';

/** One reason a config is refused; `forbidden` ones are about rights (403). */
export interface ConfigProblem {
  key: string;
  kind: 'forbidden' | 'invalid';
  message: string;
}

/** Kafka's own transforms, predicates and converters: always allowed. */
const KAFKA_BUILTIN_CLASSES = [
  'org.apache.kafka.connect.transforms.*',
  'org.apache.kafka.connect.json.JsonConverter',
  'org.apache.kafka.connect.storage.StringConverter',
  'org.apache.kafka.connect.storage.SimpleHeaderConverter',
  'org.apache.kafka.connect.converters.*',
];

/**
 * Client overrides a connector may set: performance and delivery knobs.
 * Anything else (credentials, `bootstrap.servers`, `group.id`,
 * `transactional.id`, interceptor classes, …) would act with the worker's
 * rights or as another team's client.
 */
export const SAFE_CLIENT_OVERRIDES = new Set([
  'auto.offset.reset',
  'max.poll.records',
  'max.poll.interval.ms',
  'fetch.min.bytes',
  'fetch.max.bytes',
  'fetch.max.wait.ms',
  'max.partition.fetch.bytes',
  'session.timeout.ms',
  'heartbeat.interval.ms',
  'isolation.level',
  'compression.type',
  'batch.size',
  'linger.ms',
  'acks',
  'max.request.size',
  'buffer.memory',
  'delivery.timeout.ms',
  'request.timeout.ms',
  'retries',
  'retry.backoff.ms',
  'enable.idempotence',
  'max.in.flight.requests.per.connection',
]);

export const OVERRIDE_PREFIX = /^(producer|consumer|admin)\.override\./;

/** True when the class matches an entry (`a.b.C`, or `a.b.*` for a prefix). */
export function classMatches(className: string, entries: readonly string[]) {
  return entries.some(e =>
    e.endsWith('*')
      ? className.startsWith(e.slice(0, -1))
      : className === e.trim(),
  );
}

export const list = (value: string) =>
  value
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);

/**
 * Finds `|` outside groups and character classes: a pattern with one can
 * match names that do not start with its leading literal.
 */
function hasTopLevelAlternation(pattern: string): boolean | 'unbalanced' {
  let depth = 0;
  let inClass = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        if (end < 0) return 'unbalanced';
        i = end + 1;
      } else {
        i++;
      }
      continue;
    }
    if (inClass) {
      if (c === '[') inClass++;
      else if (c === ']') inClass--;
      continue;
    }
    if (c === '[') {
      inClass = 1;
      // `[]` and `[^]` take `]` as a member.
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) return 'unbalanced';
    } else if (c === '|' && depth === 0) return true;
  }
  return depth !== 0 || inClass !== 0 ? 'unbalanced' : false;
}

/** The pattern's leading literal, with `\.` and `[.]` read as `.`. */
function leadingLiteral(pattern: string): string {
  let out = '';
  let i = pattern.startsWith('^') ? 1 : 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (/[A-Za-z0-9_-]/.test(c)) {
      out += c;
      i += 1;
    } else if (pattern.startsWith('\\.', i)) {
      out += '.';
      i += 2;
    } else if (pattern.startsWith('[.]', i)) {
      out += '.';
      i += 3;
    } else break;
  }
  // A quantifier after the last character makes it optional.
  if (/^[?*{]/.test(pattern.slice(i)) && out.length) out = out.slice(0, -1);
  return out;
}

/**
 * The namespace prefixes a topic pattern stays inside, or why it may leave
 * them: it must start with a namespace's prefix as a literal and have no
 * alternation outside a group (Kafka matches the whole topic name).
 */
export function regexStaysInside(
  pattern: string,
  prefixes: readonly string[],
): string | undefined {
  const alternation = hasTopLevelAlternation(pattern);
  if (alternation === 'unbalanced') {
    return `'${pattern}' is not a complete regular expression`;
  }
  if (alternation) {
    return `'${pattern}' has an alternation ('|') outside a group, so it can match topics outside the namespaces it starts with; write it as <prefix>(a|b)`;
  }
  const literal = leadingLiteral(pattern);
  if (!prefixes.some(p => literal.startsWith(p))) {
    return `'${pattern}' must start with one of ${
      prefixes.map(p => `'${p.replace(/\./g, '\\.')}'`).join(', ') ||
      'no namespace (the owner has none)'
    } written literally`;
  }
  return undefined;
}

export interface RuleContext {
  owner: string;
  /** `source`, `sink` or `unknown`, from Connect's plugin list. */
  type: string;
  namespaces: readonly Namespace[];
  policy: ConnectPolicyConfig;
  allowedClasses: readonly string[];
}

function mayProduce(ctx: RuleContext, topic: string) {
  return namespaceOf(topic, ctx.namespaces)?.owner === ctx.owner;
}

function mayConsume(ctx: RuleContext, topic: string) {
  const ns = namespaceOf(topic, ctx.namespaces);
  return !!ns && (ns.owner === ctx.owner || !!ns.readers?.includes(ctx.owner));
}

const owned = (ctx: RuleContext) =>
  ctx.namespaces.filter(ns => ns.owner === ctx.owner).map(ns => ns.prefix);
const readable = (ctx: RuleContext) =>
  ctx.namespaces
    .filter(ns => ns.owner === ctx.owner || ns.readers?.includes(ctx.owner))
    .map(ns => ns.prefix);

const describe = (prefixes: string[]) =>
  prefixes.length
    ? prefixes.map(p => `'${p}'`).join(', ')
    : 'no namespace (the owner has none)';

function checkProduced(ctx: RuleContext, key: string, topic: string) {
  if (mayProduce(ctx, topic)) return [];
  return [
    {
      key,
      kind: 'forbidden' as const,
      message: `writes to topic '${topic}', which is outside ${
        ctx.owner
      }'s namespaces (${describe(owned(ctx))})`,
    },
  ];
}

function checkPrefix(ctx: RuleContext, key: string, value: string) {
  if (owned(ctx).some(p => value.startsWith(p))) return [];
  return [
    {
      key,
      kind: 'forbidden' as const,
      message: `names topics '${value}…', which must start with one of ${
        ctx.owner
      }'s namespaces (${describe(owned(ctx))})`,
    },
  ];
}

/** Keys whose values are topic names the connector writes (or, for a sink's `topics`, reads). */
export const TOPIC_KEY = /(^|\.)(topic|topic\.name|kafka\.topic|topics)$/;
export const TOPIC_PREFIX_KEY = /(^|\.)topic\.prefix$/;
export const FILE_KEY = /(^|\.)(file|files|filename|path|dir|directory)$/;
export const CLASS_KEY = /(^|\.)(class|classes)$/;
export const CONVERTER_KEY = /^(key|value|header)\.converter$/;
export const ALIASED_CLASS_KEY = /^(transforms|predicates)\.([^.]+)\.type$/;

function checkTopics(ctx: RuleContext, key: string, value: string) {
  if (key.startsWith('transforms.') || key.startsWith('predicates.')) {
    return [];
  }
  if (OVERRIDE_PREFIX.test(key)) return [];
  if (key === 'topics.regex') {
    if (ctx.type !== 'sink') return [];
    const why = regexStaysInside(value, readable(ctx));
    return why
      ? [
          {
            key,
            kind: 'forbidden' as const,
            message: `may read topics outside what ${ctx.owner} may read: ${why}`,
          },
        ]
      : [];
  }
  if (TOPIC_PREFIX_KEY.test(key)) return checkPrefix(ctx, key, value);
  if (!TOPIC_KEY.test(key)) return [];
  if (key === 'topics' && ctx.type === 'sink') {
    return list(value)
      .filter(t => !mayConsume(ctx, t))
      .map(t => ({
        key,
        kind: 'forbidden' as const,
        message: `reads topic '${t}', which ${
          ctx.owner
        } may not read (its namespaces and those that list it as a reader: ${describe(
          readable(ctx),
        )})`,
      }));
  }
  return list(value).flatMap(t => checkProduced(ctx, key, t));
}

function checkTransforms(ctx: RuleContext, config: Record<string, string>) {
  if (ctx.type === 'sink') return [];
  const problems: ConfigProblem[] = [];
  for (const alias of list(config.transforms ?? '')) {
    const type = config[`transforms.${alias}.type`] ?? '';
    if (type.endsWith('RegexRouter')) {
      const key = `transforms.${alias}.replacement`;
      const literal = (config[key] ?? '').split('$')[0];
      problems.push(...checkPrefix(ctx, key, literal));
    } else if (type.endsWith('TimestampRouter')) {
      const key = `transforms.${alias}.topic.format`;
      const format = config[key] ?? '${topic}-${timestamp}';
      if (!format.startsWith('${topic}')) {
        problems.push(...checkPrefix(ctx, key, format.split('$')[0]));
      }
    }
  }
  return problems;
}

function checkClass(
  ctx: RuleContext,
  key: string,
  className: string,
): ConfigProblem[] {
  if (classMatches(className, ctx.policy.captureClasses)) {
    return [
      {
        key,
        kind: 'forbidden',
        message: `${className} captures a database: create it as a CDC pipeline (Event Streaming → CDC pipelines), which the security reviewers decide`,
      },
    ];
  }
  const builtin =
    key !== 'connector.class' && classMatches(className, KAFKA_BUILTIN_CLASSES);
  if (builtin || classMatches(className, ctx.allowedClasses)) return [];
  return [
    {
      key,
      kind: 'forbidden',
      message: `class ${className} is not allowed in this environment (eventStreaming.connect.allowedClasses)`,
    },
  ];
}

function checkFile(ctx: RuleContext, key: string, value: string) {
  const problems: ConfigProblem[] = [];
  for (const file of list(value)) {
    if (!isNormalisedAbsolutePath(file)) {
      problems.push({
        key,
        kind: 'invalid',
        message: `'${file}' must be an absolute path without '.', '..', '//' or '\\'`,
      });
      continue;
    }
    const granted = ctx.policy.fileDirectories.some(
      d =>
        (d.owner === undefined || d.owner === ctx.owner) &&
        file.startsWith(d.path.endsWith('/') ? d.path : `${d.path}/`),
    );
    if (!granted) {
      const dirs = ctx.policy.fileDirectories
        .filter(d => d.owner === undefined || d.owner === ctx.owner)
        .map(d => `${d.path}/`);
      problems.push({
        key,
        kind: 'forbidden',
        message: `'${file}' is outside the folders ${
          ctx.owner
        }'s connectors may use (${
          dirs.join(', ') || 'none: eventStreaming.connect.fileDirectories'
        })`,
      });
    }
  }
  return problems;
}

function checkReferences(
  ctx: RuleContext,
  key: string,
  value: string,
): ConfigProblem[] {
  const refs = configProviderReferences(value);
  if (!refs.length) return [];
  if (!isSecretConfigKey(key)) {
    return [
      {
        key,
        kind: 'forbidden',
        message: `holds the config-provider reference ${refs[0].text}; references may only stand in secret settings (passwords, keys, tokens, sasl.jaas.config), whose values the worker never shows`,
      },
    ];
  }
  const problems: ConfigProblem[] = [];
  for (const ref of refs) {
    const badPath =
      ref.path !== undefined && !isNormalisedAbsolutePath(ref.path);
    if (badPath || /[/\\]|\.\./.test(ref.key)) {
      problems.push({
        key,
        kind: 'invalid',
        message: `${ref.text} is not a plain reference (absolute path without '.', '..' or '//', and a key without '/')`,
      });
      continue;
    }
    const granted = ctx.policy.secretReferences.some(
      g =>
        g.owner === ctx.owner &&
        g.provider === ref.provider &&
        (g.path ?? undefined) === (ref.path ?? undefined) &&
        (!g.keyPrefix || ref.key.startsWith(g.keyPrefix)),
    );
    if (!granted) {
      problems.push({
        key,
        kind: 'forbidden',
        message: `${ref.text} is not one of ${ctx.owner}'s secret references (eventStreaming.connect.secretReferences)`,
      });
    }
  }
  return problems;
}

/**
 * Every problem of a connector config for its owner: nothing here has
 * reached Kafka Connect yet.
 */
export function connectorConfigProblems(
  ctx: RuleContext,
  className: string,
  config: Record<string, string>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [
    ...checkClass(ctx, 'connector.class', className),
    ...checkTransforms(ctx, config),
  ];
  const tasks = config['tasks.max'];
  if (
    tasks !== undefined &&
    !(/^\d+$/.test(tasks) && +tasks >= 1 && +tasks <= ctx.policy.maxTasks)
  ) {
    problems.push({
      key: 'tasks.max',
      kind: 'invalid',
      message: `must be a whole number from 1 to ${ctx.policy.maxTasks} (eventStreaming.connect.maxTasks)`,
    });
  }
  for (const [key, raw] of Object.entries(config)) {
    const value = String(raw);
    problems.push(...checkReferences(ctx, key, value));
    if (configProviderReferences(value).length) continue;
    if (key === 'connector.class') continue;
    const override = OVERRIDE_PREFIX.exec(key);
    if (override && !SAFE_CLIENT_OVERRIDES.has(key.slice(override[0].length))) {
      problems.push({
        key,
        kind: 'forbidden',
        message: `is a client override Eventport does not allow (allowed: ${[
          ...SAFE_CLIENT_OVERRIDES,
        ].join(', ')})`,
      });
      continue;
    }
    if (
      CONVERTER_KEY.test(key) ||
      ALIASED_CLASS_KEY.test(key) ||
      CLASS_KEY.test(key)
    ) {
      for (const c of list(value)) problems.push(...checkClass(ctx, key, c));
      continue;
    }
    if (FILE_KEY.test(key)) problems.push(...checkFile(ctx, key, value));
    problems.push(...checkTopics(ctx, key, value));
    if (/apicurio\.registry\.(artifact[-.]id|artifactid)$/i.test(key)) {
      problems.push(...checkPrefix(ctx, key, value));
    }
  }
  return problems;
}
