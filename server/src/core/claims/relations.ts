import type { KnowledgeSource, EntryProblem } from '../domain/domain-types.js';
import { bodyOf, FrontMatterFields, frontMatterItemRange, idFromPath } from '../domain/front-matter-fields.js';
import type { FrontMatterFile } from '../markdown/front-matter-file.js';

/** A slot of a form: the statement's subject (`S`) or object (`O`). */
export type Slot = 'S' | 'O';

/** One element of a form: a slot, or a word given as alternatives (lemmas or exact forms), maybe optional. */
export type FormElement =
  | { readonly kind: 'slot'; readonly slot: Slot }
  | { readonly kind: 'word'; readonly alternatives: readonly string[]; readonly optional: boolean };

/** One way of saying a relation: "S come|originate from O", "O cause S", "S [be] generate by O". */
export interface Form {
  /** The form as written in the relation file. */
  readonly written: string;
  readonly elements: readonly FormElement[];
}

/**
 * A relation of the claims lexicon (`claims/relations/<id>.md`): the
 * verbs, prepositions and word orders that say it, as data the KB's writers
 * extend without code.
 */
export interface Relation {
  readonly id: string;
  readonly path: string;
  readonly source: KnowledgeSource;
  readonly forms: readonly Form[];
  /** The body: what the relation means, for writers. */
  readonly description: string;
}

/** Name of the folder, inside the claims folder, that holds the relation lexicon. */
export const RELATIONS_FOLDER = 'relations';

/** Whether a file of the claims folder belongs to the relation lexicon (it sits in a `relations` folder). */
export function isRelationFile(path: string): boolean {
  const parts = path.split('/');
  return parts[parts.length - 2] === RELATIONS_FOLDER;
}

/**
 * Reads a relation file. Each `forms` item is a form: words separated by
 * spaces, where `S` and `O` stand for the subject and the object, `a|b`
 * offers alternatives, `[a|b]` makes a word optional, and each word is a
 * lemma (`come` also finds "comes", "came" and "coming") or an exact form.
 * Returns `undefined` with the problems when a required key is missing or
 * no form is usable. Never throws.
 */
export function readRelation(file: FrontMatterFile, source: KnowledgeSource): { entry: Relation | undefined; problems: EntryProblem[] } {
  const fields = new FrontMatterFields(file);
  const fileId = idFromPath(file.path);
  const id = fields.requiredString('id');
  if (id !== undefined && id !== fileId) fields.problems.push({ message: `"id" is "${id}" but the file is named "${fileId}.md"; they must match.`, range: fields.rangeOf('id') });
  const written = fields.stringList('forms', true);
  const forms: Form[] = [];
  for (const form of written) {
    const parsed = parseForm(form);
    if (typeof parsed === 'string') fields.problems.push({ message: `${parsed} The form is not used until it is fixed.`, range: frontMatterItemRange(file, 'forms', form) ?? fields.rangeOf('forms') });
    else forms.push(parsed);
  }
  if (written.length > 0 && forms.length === 0) fields.problems.push({ message: 'The relation has no usable form.', range: fields.rangeOf('forms') });
  const entry = id !== undefined && forms.length > 0 ? { id: fileId, path: file.path, source, forms, description: bodyOf(file) } : undefined;
  return { entry, problems: fields.problems };
}

/** Longest form accepted: matching is linear in the sentence for a form of bounded length. */
const MAX_ELEMENTS = 12;

/** Parses one form, or says why it cannot be used. */
export function parseForm(written: string): Form | string {
  const elements: FormElement[] = [];
  for (const part of written.trim().split(/\s+/)) {
    if (part === 'S' || part === 'O') {
      elements.push({ kind: 'slot', slot: part });
      continue;
    }
    const optional = part.startsWith('[') && part.endsWith(']');
    const inner = optional ? part.slice(1, -1) : part;
    const alternatives = inner.split('|').map((word) => word.trim().toLowerCase());
    if (inner === '' || alternatives.some((word) => word === '' || /[\s[\]]/.test(word))) return `"${part}" in "${written}" is not a word, "a|b" alternatives or "[a|b]" optional words.`;
    elements.push({ kind: 'word', alternatives, optional });
  }
  const first = elements[0];
  if (first?.kind === 'word' && first.optional) return `"${written}" starts with an optional word, which changes nothing: leave it out.`;
  if (elements.length > MAX_ELEMENTS) return `"${written}" has more than ${MAX_ELEMENTS} elements.`;
  if (!elements.some((element) => element.kind === 'slot')) return `"${written}" names neither the subject (S) nor the object (O).`;
  if (elements.filter((element) => element.kind === 'slot' || !element.optional).length < 2) return `"${written}" needs a word besides its slot, or both slots.`;
  if (new Set(elements.flatMap((element) => (element.kind === 'slot' ? [element.slot] : []))).size !== elements.filter((element) => element.kind === 'slot').length) {
    return `"${written}" names a slot twice.`;
  }
  return { written, elements };
}
