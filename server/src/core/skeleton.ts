import type { RoleModel, RoleTypeDef } from './model/model';

/**
 * The starting text of a new charter for one role type of a model: the editor's "New charter"
 * command and the quick fix on an empty charter both insert it, so it exists once, here.
 *
 * The skeleton holds one role of the chosen type with every responsibility its type requires
 * (so missing-responsibility has nothing to say), a scope of the type's level, and a reporting
 * line the model allows. What only the author knows (the names, the region) is a placeholder
 * marked by a comment.
 */

export interface SkeletonOptions {
  /** The charter's name (`charter:`); default from the role type's title. */
  name?: string;
  /** The role's id; default the initials of the role type (`head-of-sales` → `hos`). */
  id?: string;
  /** The region of a role below the model's broadest scope; default `EMEA`. */
  region?: string;
}

export interface SkeletonChoice {
  roleType: string;
  /** "Head of Sales organization", "Regional Sales Manager team". */
  label: string;
  /** The role type's description, if the model has one. */
  description?: string;
}

/** Initials of a kebab-case id: `regional-sales-manager` → `rsm`. */
function initials(id: string): string {
  const letters = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toLowerCase() ?? '')
    .join('');
  return letters || 'role';
}

/** True when the role type works at the model's broadest scope (one per organization, say). */
function isTopLevel(model: RoleModel, type: RoleTypeDef): boolean {
  return model.scopes.length === 0 || type.scope === model.scopes[0];
}

/** A plain YAML scalar for ids and names we print, quoted when YAML would read it otherwise. */
function scalar(text: string): string {
  return /^[A-Za-z][A-Za-z0-9 _.&/-]*$/.test(text) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(text) && !/ $/.test(text)
    ? text
    : JSON.stringify(text);
}

/** The role types a new charter can start from, broadest scope first, in the model's order. */
export function skeletonChoices(model: RoleModel): SkeletonChoice[] {
  return [...model.roles.values()]
    .map((type, index) => ({ type, index }))
    .sort((a, b) => Number(!isTopLevel(model, a.type)) - Number(!isTopLevel(model, b.type)) || a.index - b.index)
    .map(({ type }) => ({
      roleType: type.id,
      label: `${type.title} ${isTopLevel(model, type) ? 'organization' : 'team'}`,
      description: type.description,
    }));
}

/**
 * The skeleton text for `roleType` (a role type id of `model`), ending in a newline. Undefined for
 * a role type the model does not define.
 */
export function charterSkeleton(model: RoleModel, roleType: string, options: SkeletonOptions = {}): string | undefined {
  const type = model.roles.get(roleType);
  if (!type) return undefined;
  const top = isTopLevel(model, type);
  const id = options.id ?? initials(type.id);
  const name = options.name ?? (top ? 'Sales organization' : 'Regional sales team');
  // A reporting line the model allows: an external id when it may report outside the charter,
  // else the conventional id of the first manager role type it may report to.
  const external = type.reportsTo.includes('external') || type.reportsTo.length === 0;
  const manager = external ? 'ceo' : initials(type.reportsTo[0] ?? 'manager');
  const lines: string[] = [`charter: ${scalar(name)}`];
  // A built-in model is named by its id; a custom one by a path only the author knows.
  if (model.source.startsWith('builtin:')) lines.push(`model: ${scalar(model.id)}`);
  if (top) lines.push('regions: []                  # territories: [EMEA, APAC], a mapping nests sub-regions');
  if (external && top) lines.push('external: [ceo]              # ids outside the charter that reports_to may name');
  lines.push(
    'roles:',
    `  - id: ${scalar(id)}${' '.repeat(Math.max(1, 8 - scalar(id).length))}# unique across the organization's files`,
    `    role: ${type.id}`,
    '    holder: Name of the holder',
    top ? '    scope: organization' : `    scope: {region: ${scalar(options.region ?? 'EMEA')}}   # a region declared under regions: in the organization's charter`,
    `    reports_to: ${manager}`,
  );
  if (type.requires.length === 0) lines.push('    responsibilities: []');
  else {
    lines.push('    responsibilities:');
    const width = Math.max(...type.requires.map((required) => required.length));
    for (const required of type.requires) {
      const title = model.responsibilities.get(required)?.title;
      lines.push(`      - ${required}${title ? `${' '.repeat(width - required.length + 2)}# ${title}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
