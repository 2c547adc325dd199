import type { FrontMatterFile } from '../markdown/front-matter-file.js';
import type { EntryProblem, GlossaryEntry, KnowledgeSource } from './domain-types.js';
import { bodyOf, FrontMatterFields, idFromPath } from './front-matter-fields.js';

/**
 * Reads a glossary file. Returns the entry (`undefined` when `term` is
 * missing) and the problems of its front matter; never throws.
 */
export function readGlossaryEntry(file: FrontMatterFile, source: KnowledgeSource): { entry: GlossaryEntry | undefined; problems: EntryProblem[] } {
  const fields = new FrontMatterFields(file);
  const term = fields.requiredString('term');
  const aliases = fields.stringList('aliases');
  const avoid = fields.stringList('avoid');
  const see = fields.stringList('see');
  const summary = fields.optionalString('summary');
  const definition = bodyOf(file);
  if (definition === '') fields.problems.push({ message: 'The entry has no definition: write a few sentences below the front matter.', range: fields.rangeOf('term') });
  const entry = term === undefined ? undefined : { id: idFromPath(file.path), path: file.path, source, term, aliases, avoid, see, summary, definition };
  return { entry, problems: fields.problems };
}
