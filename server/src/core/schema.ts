import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { Pair as YamlPair, YAMLMap as YamlMapNode, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { readJsonAsset } from './assets';
import type { CharterFile, MisspeltKey, Span } from './parse';
import { quoted } from './rules/rule';
import { decodePointer, lookupPair, nodeAtPath, nodeSpan, resolved, scalarText } from './yaml-nodes';

export type SchemaName = 'charter' | 'role-model' | 'charterlintrc';

export interface SchemaProblem extends Span {
  message: string;
  /** For an unknown key: the span of the whole `key: value` pair, to offer its removal. */
  unknownKey?: { key: string; map: YAMLMap; pair: Pair<Node, Node | null> };
  /** For a misspelt key: the key it stands for (its fix renames it). */
  misspelt?: MisspeltKey;
  /** The document holds nothing (blank, or comments only): its fix inserts a charter skeleton. */
  emptyDocument?: boolean;
}

/** Every misspelt key of a parsed charter: top-level ones, then each role's. */
export function misspeltKeysOf(file: CharterFile): MisspeltKey[] {
  const all = [...file.misspeltKeys];
  for (const role of file.roles) all.push(...role.misspeltKeys);
  return all;
}

/**
 * Runs `validate` with every misspelt key renamed in the document to the key it stands for, so the
 * schema judges its value as that key's (as every rule reads it), and maps errors to the renamed
 * keys; the keys are restored afterwards. Then adds one "unknown key" problem per misspelt key.
 */
export function validateWithMisspeltKeys(file: CharterFile, validate: () => SchemaProblem[]): SchemaProblem[] {
  const misspelt = misspeltKeysOf(file);
  if (misspelt.length === 0) return validate();
  const keys = misspelt.map((m) => m.pair.key as unknown as { value: unknown });
  const original = keys.map((key) => key.value);
  let problems: SchemaProblem[];
  try {
    misspelt.forEach((m, i) => (keys[i].value = m.standsFor));
    problems = validate();
  } finally {
    keys.forEach((key, i) => (key.value = original[i]));
  }
  const roleOf = new Map(file.roles.map((role) => [role.node, role]));
  for (const m of misspelt) {
    const span = nodeSpan(m.pair.key);
    if (!span) continue;
    const role = roleOf.get(m.map);
    const where = !role ? 'the document' : roleName(role.index, role.id?.value);
    problems.push({
      message: `Unknown key "${m.key}" in ${where}: a misspelling of "${m.standsFor}", and read as that key.`,
      ...span,
      misspelt: m,
    });
  }
  return problems;
}

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validators = new Map<SchemaName, ValidateFunction>();

function validatorFor(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    validate = ajv.compile(readJsonAsset(`${name}.schema.json`));
    validators.set(name, validate);
  }
  return validate;
}

/**
 * How a message names a role: by its id, as people know it (`role "rsm-emea"`); a role without a
 * readable id by its place in the list (`role #3 (no id)`), never as a JSON path.
 */
export function roleName(index: number, id: string | undefined): string {
  return id ? `role ${quoted(id)}` : `role #${index + 1} (no id)`;
}

/** The `id` of the role item at `index`, as the schema read it (aliases and merge keys followed). */
function roleIdAt(doc: Document, index: number): string | undefined {
  const roles = nodeAtPath(doc, ['roles']).node;
  if (!isSeq(roles)) return undefined;
  const item = resolved(doc, roles.items[index]);
  if (!isMap(item)) return undefined;
  const found = lookupPair(doc, item, 'id');
  const value = found ? resolved(doc, found.pair.value) : undefined;
  return scalarText(value) || undefined;
}

/**
 * Readable location of a JSON pointer: `the document`, `regions[1]`, a role by its id
 * (`role "rsm-emea"`), a place inside a role (`scope of role "rsm-emea"`,
 * `responsibilities[2] of role "hos"`).
 */
function describePath(doc: Document, segments: string[], roleIds: Map<number, string | undefined>): string {
  const path = (parts: string[]): string => {
    let out = '';
    for (const segment of parts) {
      if (/^\d+$/.test(segment)) out += `[${segment}]`;
      else out += out ? `.${segment}` : segment;
    }
    return out;
  };
  if (segments[0] === 'roles' && segments.length >= 2 && /^\d+$/.test(segments[1])) {
    const index = Number(segments[1]);
    if (!roleIds.has(index)) roleIds.set(index, roleIdAt(doc, index));
    const role = roleName(index, roleIds.get(index));
    const inside = path(segments.slice(2));
    return inside ? `${inside} of ${role}` : role;
  }
  return path(segments) || 'the document';
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function messageFor(error: ErrorObject, segments: string[], where: string): string {
  switch (error.keyword) {
    case 'required':
      return `Missing required key "${(error.params as { missingProperty: string }).missingProperty}" in ${where}.`;
    case 'additionalProperties':
      return `Unknown key "${(error.params as { additionalProperty: string }).additionalProperty}" in ${where}.`;
    case 'type': {
      const expected = String((error.params as { type: string | string[] }).type)
        .replace('object', 'a mapping')
        .replace('array', 'a list')
        .replace(/,/g, ' or ');
      return `${where} must be ${expected}, not ${typeName(error.data)}.`;
    }
    case 'enum':
      return `${where} must be one of: ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}.`;
    case 'minProperties':
    case 'maxProperties':
      if (segments[segments.length - 1] === 'scope') {
        return `${where} must be "organization", {region: R} or {regions: [R, ...]}.`;
      }
      return `${where} ${error.message ?? 'is invalid'}.`;
    case 'minItems':
      return `${where} must not be an empty list.`;
    case 'minLength':
      return `${where} must not be empty.`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}

/**
 * Validates plain data against one of the shipped schemas and maps every error back to the YAML
 * node it concerns: an unknown key to the key, a wrong value to the value, a missing key to the
 * start of the mapping that lacks it.
 */
export function validateAgainstSchema(name: SchemaName, doc: Document, data: unknown): SchemaProblem[] {
  const validate = validatorFor(name);
  if (validate(data)) return [];
  return problemsFor(doc, validate.errors ?? []);
}

/** The charter schema without its role items, and the role item schema on its own. */
let splitValidators: { root: ValidateFunction; role: ValidateFunction } | undefined;

function charterSplitValidators(): { root: ValidateFunction; role: ValidateFunction } {
  if (splitValidators) return splitValidators;
  const charter = readJsonAsset('charter.schema.json') as { $id?: string; properties: Record<string, Record<string, unknown>> };
  validatorFor('charter');
  const role = ajv.getSchema(`${charter.$id ?? ''}#/definitions/role`);
  if (!role) throw new Error('charter.schema.json has no definitions/role');
  // No $id: it would clash with the full schema's; its `#/definitions/...` refs stay local.
  const shallow: Record<string, unknown> = { ...charter, properties: { ...charter.properties, roles: { ...charter.properties.roles, items: true } } };
  delete shallow.$id;
  splitValidators = { root: ajv.compile(shallow), role };
  return splitValidators;
}

/** Raw schema errors of one role item, by its parsed node: reused while the chunk is. */
const roleErrorCache = new WeakMap<Node, ErrorObject[]>();

/**
 * Validates a charter parsed in chunks (no anchors or aliases) part by part: the keys around
 * `roles:` once, each role item on its own, cached by item node. Same problems as validating the
 * whole document, without converting 100k lines to plain data after every keystroke.
 */
export function validateCharterInParts(doc: Document): SchemaProblem[] {
  const validators = charterSplitValidators();
  const root = doc.contents;
  if (!isMap(root)) return validateAgainstSchema('charter', doc, doc.toJS());
  const rolesPair = root.items.find((pair) => (pair.key as { value?: unknown } | null)?.value === 'roles');
  const roles = rolesPair && isSeq(rolesPair.value) ? (rolesPair.value.items as Node[]) : undefined;
  if (roles && roles.filter((item) => !roleErrorCache.has(item)).length > roles.length / 2) return validateWholeCharter(doc, roles);
  const errors: ErrorObject[] = [];
  const outer = new YamlMapNode();
  outer.items = root.items.map((pair) => (pair === rolesPair && roles ? new YamlPair(pair.key, null) : pair));
  const outerData = outer.toJS(doc) as Record<string, unknown>;
  if (roles) outerData.roles = new Array<null>(roles.length).fill(null);
  if (!validators.root(outerData)) errors.push(...(validators.root.errors ?? []));
  roles?.forEach((item, index) => {
    let itemErrors = roleErrorCache.get(item);
    if (!itemErrors) {
      itemErrors = validators.role(item.toJS(doc)) ? [] : [...(validators.role.errors ?? [])];
      roleErrorCache.set(item, itemErrors);
    }
    for (const error of itemErrors) errors.push({ ...error, instancePath: `/roles/${index}${error.instancePath}` });
  });
  return errors.length === 0 ? [] : problemsFor(doc, errors);
}

/**
 * The first analysis of a large charter: one conversion and one validation of the whole file
 * (cheaper than ten thousand small ones), whose errors are then filed by role item for the
 * analyses that follow.
 */
function validateWholeCharter(doc: Document, roles: Node[]): SchemaProblem[] {
  const validate = validatorFor('charter');
  const valid = validate(doc.toJS());
  const errors = valid ? [] : [...(validate.errors ?? [])];
  const byItem = new Map<number, ErrorObject[]>();
  for (const error of errors) {
    const match = /^\/roles\/(\d+)(\/.*)?$/.exec(error.instancePath);
    if (!match) continue;
    const index = Number(match[1]);
    const list = byItem.get(index) ?? [];
    list.push({ ...error, instancePath: match[2] ?? '' });
    byItem.set(index, list);
  }
  roles.forEach((item, index) => roleErrorCache.set(item, byItem.get(index) ?? []));
  return errors.length === 0 ? [] : problemsFor(doc, errors);
}

/** Text of a key for comparison: the schema sees `{ id: x }`, String() of the node gives `{"id":"x"}`. */
const keyText = (text: string) => text.replace(/["'\s]/g, '');

/** The key of a mapping that is itself a list or mapping and that the schema names `name`. */
function collectionKey(map: YAMLMap, name: string): Node | undefined {
  const keys = map.items.map((item) => item.key as Node | null).filter((key): key is Node => !!key && !isScalar(key));
  if (keys.length <= 1) return keys[0];
  return keys.find((key) => keyText(String(key)) === keyText(name));
}

function problemsFor(doc: Document, errors: ErrorObject[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  // Linear in the errors: one walk per path and one index of each mapping's own keys, however
  // many errors share them (20,000 unknown keys in one mapping scanned it once per key before).
  const nodes = new Map<string, Node | null>();
  const roleIds = new Map<number, string | undefined>();
  const indexes = new Map<YAMLMap, Map<string, Pair<Node, Node | null>>>();
  const ownPair = (map: YAMLMap, key: string): Pair<Node, Node | null> | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        const name = String((item.key as Scalar).value);
        // The first of repeated keys, as findPair answers.
        if (!index.has(name)) index.set(name, item as Pair<Node, Node | null>);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };
  for (const error of errors) {
    // `if` only says which branch failed; the branch's own errors say why.
    if (error.keyword === 'if') continue;
    const segments = decodePointer(error.instancePath);
    let node = nodes.get(error.instancePath);
    if (node === undefined) nodes.set(error.instancePath, (node = nodeAtPath(doc, segments).node));
    let span: Span | undefined;
    let unknownKey: SchemaProblem['unknownKey'];
    if (error.keyword === 'additionalProperties' && isMap(node)) {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const pair = ownPair(node, key);
      span = nodeSpan(pair?.key as Node | undefined);
      if (span && pair) unknownKey = { key, map: node, pair };
      // A key merged in from another mapping: reported on this mapping's own `<<` key, no fix.
      if (!pair) span = nodeSpan(lookupPair(doc, node, key)?.via?.key);
      // A key that is itself a list or mapping (`{id: x}` written as a key) reaches the schema as
      // its text: found by that text, reported on the key itself (no fix: nothing to rename).
      if (!span) span = nodeSpan(collectionKey(node, key));
      // Never at the top of the file, where a disable comment could not reach it: on the mapping.
      if (!span) span = nodeSpan(node.items[0]?.key as Node | undefined) ?? nodeSpan(node);
    } else if (error.keyword === 'required' && isMap(node)) {
      const first = node.items[0]?.key as Node | undefined;
      span = nodeSpan(first) ?? nodeSpan(node);
    } else {
      span = nodeSpan(node);
    }
    if (!span) span = { start: 0, end: 0 };
    const raw = messageFor(error, segments, describePath(doc, segments, roleIds));
    const message = raw.charAt(0).toUpperCase() + raw.slice(1);
    const dedupeKey = `${span.start}:${span.end}:${message}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    const emptyDocument = error.instancePath === '' && error.keyword === 'type' && (error.data === null || error.data === undefined) ? true : undefined;
    problems.push({ message, ...span, unknownKey, emptyDocument });
  }
  return problems;
}
