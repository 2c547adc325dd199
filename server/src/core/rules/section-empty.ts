import { defineRule } from './rule.js';
import { isTroubleshooting, sectionEnd, troubleshootingStructure } from './support/sections.js';

/** `section-empty`: a required section has nothing in it. */
export const sectionEmpty = defineRule({
  id: 'section-empty',
  description: 'A required section (Symptoms, Cause, Resolution) must have content: text, a list or subsections.',
  defaultSeverity: 'warning',
  appliesTo: 'article',
  fix: 'none',
  check({ file, kb, config, report }) {
    if (!isTroubleshooting(kb, file)) return;
    for (const group of troubleshootingStructure(file, config.sections)) {
      for (const { heading } of group.found) {
        if (heading === undefined) continue;
        const body = file.document.text.slice(heading.end, sectionEnd(file, heading)).replace(/<!--[^]*?-->/g, '');
        if (body.trim() === '') report({ range: heading.range, message: `Section "${heading.text}" is empty; write its content before the next heading.` });
      }
    }
  },
});
