import { defineRule } from './rule.js';

/** `frontmatter-invalid`: the article has no front matter block, or its YAML cannot be read. */
export const frontmatterInvalid = defineRule({
  id: 'frontmatter-invalid',
  description: 'An article must start with a `---` block of valid YAML front matter.',
  defaultSeverity: 'error',
  appliesTo: 'article',
  fix: 'suggestion',
  check({ file, config, report }) {
    const frontMatter = file.frontMatter;
    if (frontMatter === undefined) {
      const eol = file.document.eol;
      const skeleton = ['---', ...config.frontMatter.required.map((key) => `${key}: `), '---', ''].join(eol);
      report({
        range: file.document.rangeAt(0, file.document.lineText(0).length),
        message: 'Missing front matter: an article must start with a `---` block of YAML keys (title, description, ms.topic, ms.date...).',
        fixes: [{ title: 'Insert a front matter block', safe: false, edits: [{ range: file.document.rangeAt(0, 0), newText: skeleton }] }],
      });
      return;
    }
    for (const problem of frontMatter.problems) report({ range: problem.range, message: problem.message });
  },
});
