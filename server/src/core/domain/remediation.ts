import type { FrontMatterFile } from '../markdown/front-matter-file.js';
import type { EntryProblem, KnowledgeSource, Remediation } from './domain-types.js';
import { bodyOf, FrontMatterFields, idFromPath } from './front-matter-fields.js';

/** Reads a remediation page; `undefined` entry when `title` is missing. Never throws. */
export function readRemediation(file: FrontMatterFile, source: KnowledgeSource): { entry: Remediation | undefined; problems: EntryProblem[] } {
  const fields = new FrontMatterFields(file);
  const id = fields.optionalString('id') ?? idFromPath(file.path);
  const title = fields.requiredString('title');
  const resolves = fields.stringList('resolves', true);
  const rank = fields.requiredInteger('rank') ?? Number.MAX_SAFE_INTEGER;
  const changes = fields.scalarMap('changes');
  const tradeoffs = fields.requiredString('tradeoffs') ?? '';
  if (id !== idFromPath(file.path)) fields.problems.push({ message: `"id" is "${id}" but the file is named "${idFromPath(file.path)}.md"; they must match.`, range: fields.rangeOf('id') });
  const entry = title === undefined ? undefined : { id, path: file.path, source, title, resolves, rank, changes, tradeoffs, body: bodyOf(file) };
  return { entry, problems: fields.problems };
}
