/**
 * Step 1 of validation ("types and schema") for dashboards: each emitted `.dashboard.lookml` file is
 * parsed as YAML and checked against lookml-dashboard.schema.json with ajv. Findings carry a JSON
 * pointer into the parsed document and a message a person can act on without reading the schema.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, SchemaObject, ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import { closestMatch } from '../diagnostics.js';

export interface SchemaFinding {
  /** The file the finding is about (as given by the caller). */
  readonly file: string;
  /** JSON pointer into the parsed YAML, e.g. `/0/elements/3/width`; `''` is the whole document. */
  readonly path: string;
  readonly message: string;
}

/** Read relative to this module so it works under tsx, vitest and plain node alike. */
export const dashboardSchema: SchemaObject = JSON.parse(
  readFileSync(new URL('./lookml-dashboard.schema.json', import.meta.url), 'utf8'),
) as SchemaObject;

let compiled: ValidateFunction | undefined;

/**
 * Compiled once, on first use. `allErrors` so every problem in a file is reported in one run;
 * `verbose` so errors carry the offending value and the schema around it for the messages.
 * `strict` so a sloppy schema edit fails loudly at compile time; `strictRequired` is off because
 * conditional requirements (`if type is field_filter then required model…`) name keys declared
 * in the enclosing schema, which that check does not look at.
 */
function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false }).compile(dashboardSchema);
  return compiled;
}

/** Validates the text of a `.dashboard.lookml` file. The `#` header is a YAML comment already. */
export function validateDashboardYaml(text: string, file: string): SchemaFinding[] {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => ({ file, path: '', message: `YAML does not parse: ${e.message}` }));
  }
  return validateDashboardObject(doc.toJS(), file);
}

/** Validates an already parsed dashboard file (the one-item list). */
export function validateDashboardObject(obj: unknown, file = '<object>'): SchemaFinding[] {
  const validate = validator();
  if (validate(obj)) return [];
  const findings = (validate.errors ?? []).flatMap((e) => toFinding(e, obj, file));
  return dedupe(findings);
}

/**
 * `if` errors only say "must match then schema"; the errors inside the branch say what is wrong.
 * `propertyNames` likewise wraps the pattern error on the key itself.
 */
const WRAPPER_KEYWORDS = new Set(['if', 'propertyNames']);

function toFinding(e: ErrorObject, root: unknown, file: string): SchemaFinding[] {
  if (WRAPPER_KEYWORDS.has(e.keyword)) return [];
  return [{ file, path: findingPath(e), message: describeError(e, root) }];
}

/** Points at the offending key where there is one (unknown keys, bad key names), else at the value. */
function findingPath(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${escapePointer(String(e.params['additionalProperty']))}`;
  if (e.propertyName !== undefined) return `${e.instancePath}/${escapePointer(e.propertyName)}`;
  return e.instancePath;
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The last pointer segment: the key the value sits under, used to name it in messages. */
function keyOf(pointer: string): string {
  const last = pointer.split('/').pop() ?? '';
  return last.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Quotes a value for a message, cut short so a wrong object does not flood the report. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describeError(e: ErrorObject, root: unknown): string {
  const key = keyOf(e.instancePath);
  const subject = key === '' || /^\d+$/.test(key) ? 'value' : key;
  switch (e.keyword) {
    case 'required':
      return `missing required key '${String(e.params['missingProperty'])}'`;
    case 'additionalProperties':
      return unknownKeyMessage(String(e.params['additionalProperty']), e.parentSchema);
    case 'false schema':
      return `key '${key}' is not allowed here (text tile keys belong on type: text tiles only)`;
    case 'enum':
      return enumMessage(subject, e.data, e.params['allowedValues'] as unknown[]);
    case 'const':
      return `${subject} must be ${show(e.params['allowedValue'])}, got ${show(e.data)}`;
    case 'type':
      if (e.instancePath === '') return 'the file must be a YAML list holding one dashboard (`- dashboard: name`)';
      return `${subject} must be ${String(e.params['type'])}, got ${show(e.data)}`;
    case 'pattern':
      return patternMessage(e, subject);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return isGridFitRule(e) ? gridFitMessage(e, root) : `${subject} ${show(e.data)} ${String(e.message)}`;
    case 'minItems':
      return e.instancePath === '' ? 'the file must be a list holding one dashboard, found an empty list'
        : `${subject} must not be empty`;
    case 'maxItems':
      return e.instancePath === '' ? 'the file must be a list holding exactly one dashboard' : `${subject} ${String(e.message)}`;
    case 'minLength':
      return `${subject} must not be empty`;
    default:
      return `${subject} ${String(e.message)}`;
  }
}

/** "did you mean" against the keys the schema object at that place allows. */
function unknownKeyMessage(unknownKey: string, parentSchema: unknown): string {
  const allowed = Object.keys((parentSchema as { properties?: object } | undefined)?.properties ?? {});
  const guess = closestMatch(unknownKey, allowed);
  return `unknown key '${unknownKey}'${guess ? ` (did you mean '${guess}'?)` : ''}`;
}

function enumMessage(subject: string, value: unknown, allowed: readonly unknown[]): string {
  const guess = typeof value === 'string' ? closestMatch(value, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
  const hint = guess ? ` (did you mean '${guess}'?)` : '';
  return `${subject} ${show(value)} is not one of: ${allowed.map(show).join(', ')}${hint}`;
}

/** Patterns are unreadable; the schema's `description` next to them says what is expected. */
function patternMessage(e: ErrorObject, subject: string): string {
  const expected = (e.parentSchema as { description?: string } | undefined)?.description ?? `a string matching ${String(e.params['pattern'])}`;
  if (e.propertyName !== undefined) return `key '${e.propertyName}' must be ${expected}`;
  return `${subject} ${show(e.data)} must be ${expected}`;
}

/** The col + width <= 24 rules live under $defs/fitsGrid; their bare "must be <= N" needs the col. */
function isGridFitRule(e: ErrorObject): boolean {
  return e.schemaPath.includes('/fitsGrid/');
}

function gridFitMessage(e: ErrorObject, root: unknown): string {
  const tilePath = e.instancePath.slice(0, e.instancePath.lastIndexOf('/'));
  const tile = resolvePointer(root, tilePath) as { col?: unknown } | undefined;
  return `col ${show(tile?.col)} + width ${show(e.data)} runs past the 24-column grid (width must be ≤ ${String(e.params['limit'])} at that col)`;
}

function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  return pointer.slice(1).split('/').reduce<unknown>((node, segment) => {
    if (node === null || typeof node !== 'object') return undefined;
    return (node as Record<string, unknown>)[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }, root);
}

/** Two schema branches can flag the same value the same way; report it once. */
function dedupe(findings: readonly SchemaFinding[]): SchemaFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const id = `${f.path}\u0000${f.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
