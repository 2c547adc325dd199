import { kbConfigSchema, RULE_METADATA } from '../core/index.js';
import { renderDecisionTable } from '../core/scenario/decision-table.js';

/** A file (or a marked region of one) whose content is derived from the code. */
export interface GeneratedContent {
  /** Path relative to the repository root. */
  readonly path: string;
  /** When set, only the text between these two marker lines is generated. */
  readonly markers?: readonly [start: string, end: string];
  readonly content: string;
}

/** The rules table of the README, from the registry. */
export function rulesTable(): string {
  const rows = RULE_METADATA.map((rule) => {
    const fix = rule.fix === 'safe' ? 'safe' : rule.fix === 'suggestion' ? 'suggestion' : '';
    return `| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${[rule.appliesTo].flat().join(', ')} | ${rule.defaultSeverity} | ${fix} | ${rule.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Rule | Checks | Default | Fix | Description |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Every generated file or region of the repository. */
export function generatedContents(): GeneratedContent[] {
  return [
    { path: 'server/kb.config.schema.json', content: `${JSON.stringify(kbConfigSchema, null, 2)}\n` },
    { path: 'README.md', markers: ['<!-- rules:start -->', '<!-- rules:end -->'], content: rulesTable() },
    { path: 'kb/decision-table.md', content: renderDecisionTable() },
  ];
}

/** `current` with the generated part replaced; `undefined` when the markers are missing. */
export function applyGenerated(current: string, generated: GeneratedContent): string | undefined {
  if (generated.markers === undefined) return generated.content;
  const [startMarker, endMarker] = generated.markers;
  const start = current.indexOf(startMarker);
  const end = current.indexOf(endMarker);
  if (start === -1 || end < start) return undefined;
  return `${current.slice(0, start + startMarker.length)}\n${generated.content}\n${current.slice(end)}`;
}
