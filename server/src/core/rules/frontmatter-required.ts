import type { MarkdownFile } from '../markdown/parse-markdown.js';
import type { Fix } from '../types.js';
import { defineRule } from './rule.js';
import { formatLearnDate, setFrontMatterValue } from './support/front-matter-edits.js';
import { isTroubleshooting } from './support/sections.js';

/** `frontmatter-required`: every required front matter key is present and not empty. */
export const frontmatterRequired = defineRule({
  id: 'frontmatter-required',
  description: 'Required metadata keys (title, description, ms.topic, ms.date; appliesto for troubleshooting) must be present and not empty, in the front matter or supplied by the docset\'s docfx.json.',
  defaultSeverity: 'error',
  appliesTo: 'article',
  fix: 'suggestion',
  check({ file, kb, config, today, report }) {
    if (file.frontMatter?.data === undefined) return;
    // What the build sees: the front matter over the metadata docfx.json supplies.
    const metadata = kb.effectiveMetadata(file);
    const required = [...config.frontMatter.required];
    if (isTroubleshooting(kb, file)) required.push(...config.frontMatter.requiredForTroubleshooting);
    // The Learn build reports missing metadata (`ms-date-missing`, `description-missing`) as warnings or suggestions, not errors:
    // in a repository it publishes, so does this rule, unless kb.config.json sets the rule's severity.
    const severity = kb.repository.hasDocsets ? 'warning' : undefined;
    for (const key of new Set(required)) {
      if (!isEmpty(metadata.get(key)?.value)) continue;
      const entry = file.frontMatter.entries.find((candidate) => candidate.key === key);
      const openingLine = file.frontMatter.range.start.line;
      report({
        range: entry?.keyRange ?? { start: { line: openingLine, character: 0 }, end: { line: openingLine, character: 3 } },
        message: entry === undefined ? `Missing front matter key "${key}".` : `Front matter key "${key}" is empty.`,
        fixes: placeholderFix(file, key, today),
        ...(severity === undefined ? {} : { severity }),
      });
    }
  },
});

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0 || value.every(isEmpty);
  return false;
}

function placeholderFix(file: MarkdownFile, key: string, today: Date): Fix[] {
  const eol = file.document.eol;
  const title = file.headings.find((heading) => heading.depth === 1)?.text;
  const placeholders: Record<string, string> = {
    // An empty H1 (`#` alone) would give an empty title, which this rule reports again.
    title: title === undefined || title === '' ? '<Article title>' : JSON.stringify(title),
    // Quoted: unquoted, the colon would make the YAML invalid.
    description: '"<One sentence: the problem and who has it>"',
    'ms.topic': 'troubleshooting',
    'ms.date': formatLearnDate(today),
    appliesto: `${eol}  - <Product and version>`,
  };
  const edit = setFrontMatterValue(file, key, placeholders[key] ?? '<value>');
  return edit === undefined ? [] : [{ title: `Add front matter key "${key}"`, safe: false, edits: [edit] }];
}
