import { defineRule } from './rule.js';

/** `heading-single-h1`: an article has exactly one H1, its title. */
export const headingSingleH1 = defineRule({
  id: 'heading-single-h1',
  description: 'An article must have exactly one H1 heading (its title); other headings start at H2.',
  defaultSeverity: 'error',
  appliesTo: 'article',
  fix: 'suggestion',
  check({ file, report }) {
    const document = file.document;
    const titles = file.headings.filter((heading) => heading.depth === 1);
    if (titles.length === 0) {
      const at = file.frontMatter === undefined ? 0 : document.offsetAt(file.frontMatter.range.end);
      const title = typeof file.frontMatter?.data?.title === 'string' ? file.frontMatter.data.title.trim() : '';
      const eol = document.eol;
      const position = document.positionAt(at);
      const insertion = at === 0 ? `# ${title || '<Article title>'}${eol}${eol}` : `${eol}${eol}# ${title || '<Article title>'}`;
      report({
        range: { start: { line: position.line, character: 0 }, end: position },
        message: 'The article has no H1 heading; add its title as the one `# ` heading.',
        fixes: [{ title: 'Insert an H1 title', safe: false, edits: [{ range: { start: position, end: position }, newText: insertion }] }],
      });
      return;
    }
    for (const extra of titles.slice(1)) {
      const line = document.lineText(extra.range.start.line);
      const atx = /^ {0,3}#(?!#)/.exec(line);
      const hashOffset = document.lineStart(extra.range.start.line) + (atx ? atx[0].length - 1 : 0);
      report({
        range: extra.range,
        message: `Extra H1 heading "${extra.text}"; an article has one H1 (line ${(titles[0]?.range.start.line ?? 0) + 1}), so expected H2 here.`,
        fixes: atx ? [{ title: 'Change to an H2 heading', safe: false, edits: [{ range: document.rangeAt(hashOffset, hashOffset), newText: '#' }] }] : [],
      });
    }
  },
});
