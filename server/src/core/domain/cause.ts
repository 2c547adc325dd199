import type { FrontMatterFile } from '../markdown/front-matter-file.js';
import type { Cause, EntryProblem, KnowledgeSource } from './domain-types.js';
import { bodyOf, FrontMatterFields, idFromPath } from './front-matter-fields.js';

/** Reads a cause page; `undefined` entry when `title` is missing. Never throws. */
export function readCause(file: FrontMatterFile, source: KnowledgeSource): { entry: Cause | undefined; problems: EntryProblem[] } {
  const fields = new FrontMatterFields(file);
  const id = fields.optionalString('id') ?? idFromPath(file.path);
  const title = fields.requiredString('title');
  const signals = fields.stringList('signals', true).map((signal) => signal.toLowerCase());
  if (id !== idFromPath(file.path)) fields.problems.push({ message: `"id" is "${id}" but the file is named "${idFromPath(file.path)}.md"; they must match.`, range: fields.rangeOf('id') });
  const entry = title === undefined ? undefined : { id, path: file.path, source, title, signals, body: bodyOf(file) };
  return { entry, problems: fields.problems };
}
