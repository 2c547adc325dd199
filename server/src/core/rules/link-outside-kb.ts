import { isInside } from '../paths.js';
import { defineRule } from './rule.js';

/** `link-outside-kb`: a link leads outside the KB folder (by `..`, through a symbolic link, or as a `file:` URL or absolute path); it is reported and never read. */
export const linkOutsideKb = defineRule({
  id: 'link-outside-kb',
  description: 'Relative links must stay inside the KB folder; `file:` URLs and absolute file paths are not allowed. Such targets are never read.',
  defaultSeverity: 'error',
  appliesTo: ['article', 'toc'],
  fix: 'none',
  check({ file, kb, report }) {
    for (const link of file.links) {
      const resolved = kb.resolveLink(file.path, link.url);
      if (resolved.kind === 'file-url') {
        report({ range: link.urlRange, message: `"${link.url}" points at the local file system; readers of the published KB cannot open it. Link a KB file with a relative path.` });
      } else if (resolved.kind === 'relative' && !isInside(resolved.path, kb.root)) {
        report({ range: link.urlRange, message: `"${link.url}" leads outside the KB folder; link a file inside the KB or use an absolute URL.` });
      } else if (resolved.kind === 'relative' && kb.isBehindLinkOut(resolved.path)) {
        report({ range: link.urlRange, message: `"${link.url}" goes through a symbolic link that leads outside the KB folder; it is not read. Link the file's copy inside the KB.` });
      }
    }
  },
});
