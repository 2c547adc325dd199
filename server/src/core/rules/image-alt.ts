import { defineRule } from './rule.js';

/** `image-alt`: an image has no alternative text. */
export const imageAlt = defineRule({
  id: 'image-alt',
  description: 'Images (`![alt](src)` and `:::image ... alt-text="..." :::`) must have alternative text for readers who cannot see them.',
  defaultSeverity: 'warning',
  appliesTo: 'article',
  fix: 'none',
  check({ file, report }) {
    for (const link of file.links) {
      if ((link.kind !== 'image' && link.kind !== 'learn-image') || link.decorative === true) continue;
      if ((link.alt ?? '').trim() !== '') continue;
      const syntax = link.kind === 'image' ? 'between the brackets of `![...]`' : 'in an `alt-text="..."` attribute';
      report({ range: link.range, message: `Image "${link.url}" has no alternative text; describe what it shows ${syntax}.` });
    }
  },
});
