import type { KnowledgeBase } from '../knowledge-base.js';

/** The products named in the `appliesto` lists of the KB's articles, most used first. */
export function knownProducts(kb: KnowledgeBase): string[] {
  const counts = new Map<string, number>();
  for (const article of kb.articles()) {
    const value = article.frontMatter?.data?.appliesto;
    const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    for (const item of items) {
      if (typeof item !== 'string' || item.trim() === '') continue;
      counts.set(item.trim(), (counts.get(item.trim()) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([product]) => product);
}
