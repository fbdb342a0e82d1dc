import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { readJsonAsset } from './assets';
import type { Span } from './parse';
import { decodePointer, findPair, nodeAtPath, nodeSpan } from './yaml-nodes';

export type SchemaName = 'charter' | 'role-model' | 'charterlintrc';

export interface SchemaProblem extends Span {
  message: string;
  /** For an unknown key: the span of the whole `key: value` pair, to offer its removal. */
  unknownKey?: { key: string; map: YAMLMap; pair: Pair<Node, Node | null> };
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

/** Readable location of a JSON pointer: `roles[2].scope`. */
function describePath(segments: string[]): string {
  let out = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out || 'the document';
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function messageFor(error: ErrorObject, segments: string[]): string {
  const where = describePath(segments);
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
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // `if` only says which branch failed; the branch's own errors say why.
    if (error.keyword === 'if') continue;
    const segments = decodePointer(error.instancePath);
    const { node } = nodeAtPath(doc, segments);
    let span: Span | undefined;
    let unknownKey: SchemaProblem['unknownKey'];
    if (error.keyword === 'additionalProperties' && isMap(node)) {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const pair = findPair(node, key);
      span = nodeSpan(pair?.key as Node | undefined);
      if (span && pair) unknownKey = { key, map: node, pair };
    } else if (error.keyword === 'required' && isMap(node)) {
      const first = node.items[0]?.key as Node | undefined;
      span = nodeSpan(first) ?? nodeSpan(node);
    } else {
      span = nodeSpan(node);
    }
    if (!span) span = { start: 0, end: 0 };
    const raw = messageFor(error, segments);
    const message = raw.charAt(0).toUpperCase() + raw.slice(1);
    const dedupeKey = `${span.start}:${span.end}:${message}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    problems.push({ message, ...span, unknownKey });
  }
  return problems;
}
