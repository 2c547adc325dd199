import type { MarkdownFile } from '../markdown/parse-markdown.js';
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
  check({ file, config, today, report }) {
    const entry = file.frontMatter?.entries.find((candidate) => candidate.key === 'ms.date');
    if (entry === undefined || entry.value === null || entry.value === undefined || String(entry.value).trim() === '') return;
    const written = String(entry.value).trim();
    const fixes = todayFix(file, today);
    const date = parseLearnDate(written);
    if (date === undefined) {
      report({ range: entry.valueRange, message: `"ms.date" is "${written}", which is not a real date in MM/DD/YYYY form.`, fixes });
      return;
    }
    const todayStart = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    if (date.getTime() > todayStart.getTime()) {
      report({ range: entry.valueRange, message: `"ms.date" ${written} is in the future; use the date the article was last reviewed.`, fixes });
      return;
    }
    const ageDays = Math.floor((todayStart.getTime() - date.getTime()) / DAY_MS);
    if (ageDays > config.staleAfterDays) {
      report({ range: entry.valueRange, severity: 'info', message: `The article was last reviewed on ${written}, ${ageDays} days ago (more than ${config.staleAfterDays}); review it and update "ms.date".`, fixes });
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
