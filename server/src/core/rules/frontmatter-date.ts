import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { relativePath } from '../paths.js';
import { describeSource } from '../repository/effective-metadata.js';
import type { Fix } from '../types.js';
import { defineRule } from './rule.js';
import { formatLearnDate, setFrontMatterValue } from './support/front-matter-edits.js';

const LEARN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `frontmatter-date`: `ms.date` is a real `MM/DD/YYYY` date, not in the future and not stale. */
export const frontmatterDate = defineRule({
  id: 'frontmatter-date',
  description: '`ms.date` must be a real MM/DD/YYYY date, not in the future; older than the staleness window is reported as info.',
  defaultSeverity: 'warning',
  appliesTo: 'article',
  fix: 'suggestion',
  check({ file, kb, config, today, report }) {
    if (file.frontMatter?.data === undefined) return;
    // The front matter's own value, else the one docfx.json supplies (reported on the opening line, naming its source).
    const effective = kb.effectiveMetadata(file).get('ms.date');
    if (effective === undefined || effective.value === null || effective.value === undefined || String(effective.value).trim() === '') return;
    const source = effective.entry === undefined && effective.supplied !== undefined ? ` (from ${describeSource(effective.supplied.source, (path) => relativePath(kb.root, path))})` : '';
    const openingLine = file.frontMatter.range.start.line;
    const range = effective.entry?.valueRange ?? { start: { line: openingLine, character: 0 }, end: { line: openingLine, character: 3 } };
    const written = String(effective.value).trim();
    const fixes = todayFix(file, today);
    const date = parseLearnDate(written);
    if (date === undefined) {
      report({ range, message: `"ms.date" is "${written}"${source}, which is not a real date in MM/DD/YYYY form.`, fixes });
      return;
    }
    const todayStart = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    if (date.getTime() > todayStart.getTime()) {
      report({ range, message: `"ms.date" ${written}${source} is in the future; use the date the article was last reviewed.`, fixes });
      return;
    }
    const ageDays = Math.floor((todayStart.getTime() - date.getTime()) / DAY_MS);
    if (ageDays > config.staleAfterDays) {
      report({ range, severity: 'info', message: `The article was last reviewed on ${written}${source}, ${ageDays} days ago (more than ${config.staleAfterDays}); review it and update "ms.date".`, fixes });
    }
  },
});

/** Reads `M/D/YYYY` or `MM/DD/YYYY` as a local date; `undefined` when it is not a real calendar date. */
export function parseLearnDate(text: string): Date | undefined {
  const match = LEARN_DATE.exec(text);
  if (match === null) return undefined;
  const [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : undefined;
}


function todayFix(file: MarkdownFile, today: Date): Fix[] {
  const edit = setFrontMatterValue(file, 'ms.date', formatLearnDate(today));
  return edit === undefined ? [] : [{ title: `Set "ms.date" to today (${formatLearnDate(today)})`, safe: false, edits: [edit] }];
}
