import { InputError } from '../errors.js';
import { INPUT_KINDS, INPUT_ROLE_NAMES, type InputKind, type InputRole } from './input-schema.js';

/** Column choices for an input file; everything not given is detected from the header. */
export interface InputColumnOptions {
  /** Explicit columns per role, e.g. `{ customerId: 'cust_no', channel: 'utm_source' }`. */
  columns?: Partial<Record<InputRole, string>>;
  /** Attribute columns to keep (default: every column that has no role). */
  attributes?: readonly string[];
  /** Attributes to read as numbers / as categories whatever their values look like. */
  numeric?: readonly string[];
  categorical?: readonly string[];
}

/** Which roles each kind needs and may have. */
export const KIND_ROLES: Record<InputKind, { required: InputRole[]; optional: InputRole[]; attributes: boolean }> = {
  customers: { required: ['customerId'], optional: ['acquiredOn', 'channel'], attributes: true },
  spend: { required: ['month', 'channel', 'amount'], optional: [], attributes: false },
  prospects: { required: ['prospectId'], optional: ['channel'], attributes: true },
  // at least one of nps and csat is required (checked in resolveInputColumns)
  surveys: { required: ['customerId', 'responseDate'], optional: ['nps', 'csat', 'channel', 'comment'], attributes: false },
};

export interface ResolvedInputColumns {
  roles: Partial<Record<InputRole, string>>;
  /** Attribute columns in header order. */
  attributes: string[];
  /** Roles found from the header (not given). */
  detected: InputRole[];
}

const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Resolves the columns of an input file: explicit columns win; the other roles are matched against
 * common header names (case, spaces and punctuation ignored); every remaining column is an
 * attribute (customers and prospects files), unless `attributes` lists the ones to keep.
 *
 * @throws InputError `unknown_column` when an explicit column is not in the header;
 *   `missing_columns` when a required role is not found (naming the columns present).
 * @example
 * resolveInputColumns('spend', ['Month', 'Channel', 'Spend (USD)'], {}).roles;
 * // → { month: 'Month', channel: 'Channel', amount: 'Spend (USD)' } — 'spendusd' does not match; pass columns.amount
 */
export function resolveInputColumns(
  kind: InputKind,
  header: readonly string[],
  options: InputColumnOptions,
  fileLabel: string,
): ResolvedInputColumns {
  const spec = KIND_ROLES[kind];
  const roles: Partial<Record<InputRole, string>> = {};
  const used = new Set<string>();
  const detected: InputRole[] = [];
  for (const [role, column] of Object.entries(options.columns ?? {}) as [InputRole, string | undefined][]) {
    if (column === undefined || column === '') continue;
    if (!header.includes(column))
      throw new InputError(
        'unknown_column',
        `${fileLabel} has no column "${column}" (given for ${role}); columns present: ${header.join(', ')}`,
        { role, column, header },
      );
    roles[role] = column;
    used.add(column);
  }
  for (const role of [...spec.required, ...spec.optional]) {
    if (roles[role] !== undefined) continue;
    for (const candidate of INPUT_ROLE_NAMES[role]) {
      const column = header.find((h) => !used.has(h) && normalise(h) === candidate);
      if (column !== undefined) {
        roles[role] = column;
        used.add(column);
        detected.push(role);
        break;
      }
    }
  }
  const missing = spec.required.filter((r) => roles[r] === undefined);
  if (missing.length > 0) {
    const names = missing.map((r) => `${r} (e.g. ${INPUT_ROLE_NAMES[r].slice(0, 3).join(', ')})`).join(', ');
    throw new InputError(
      'missing_columns',
      `The ${INPUT_KINDS[kind].label} ${fileLabel} has no ${names} column; columns present: ${header.join(', ') || '(none)'}`,
      { missing, header },
    );
  }
  if (kind === 'surveys' && roles.nps === undefined && roles.csat === undefined) {
    throw new InputError(
      'missing_columns',
      `The survey file ${fileLabel} has neither an NPS column (e.g. ${INPUT_ROLE_NAMES.nps.slice(0, 3).join(', ')}) nor a CSAT column (e.g. ${INPUT_ROLE_NAMES.csat.slice(0, 3).join(', ')}); columns present: ${header.join(', ') || '(none)'}`,
      { missing: ['nps', 'csat'], header },
    );
  }
  let attributes: string[] = [];
  if (spec.attributes) {
    if (options.attributes !== undefined) {
      for (const a of options.attributes)
        if (!header.includes(a))
          throw new InputError('unknown_column', `${fileLabel} has no attribute column "${a}"; columns present: ${header.join(', ')}`, {
            column: a,
            header,
          });
      attributes = header.filter((h) => options.attributes!.includes(h) && !used.has(h));
    } else {
      attributes = header.filter((h) => !used.has(h));
    }
  }
  for (const a of [...(options.numeric ?? []), ...(options.categorical ?? [])]) {
    if (!attributes.includes(a))
      throw new InputError(
        'unknown_column',
        `"${a}" is not an attribute column of ${fileLabel}; attributes: ${attributes.join(', ') || '(none)'}`,
        { column: a, attributes },
      );
  }
  return { roles, attributes, detected };
}
