import { kbConfigSchema, RULE_METADATA, type RuleMetadata } from '../core/index.js';
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

/** The rules table of the writer's guide (`kb/README.md`): what each rule checks, linked to its page. */
export function writerRulesTable(): string {
  const rows = RULE_METADATA.map((rule) => `| [${rule.id}](../docs/rules/${rule.id}.md) | ${rule.description.replace(/\|/g, '\\|')} |`);
  return ['| Rule | What it checks |', '| --- | --- |', ...rows].join('\n');
}

/** The values a rule accepts in the `rules` object of `kb.config.json`. */
const RULE_SETTINGS = ['off', 'info', 'warning', 'error'] as const;

/** The schema entry of one rule under `rules`: its severities, its default and what it checks, as editors show them. */
function ruleSettingSchema(rule: RuleMetadata): object {
  return {
    description: `${rule.description} Default: ${rule.defaultSeverity}; "off" disables it.`,
    markdownDescription: `${rule.description}\n\nDefault: \`${rule.defaultSeverity}\`; \`"off"\` disables it. [Documentation](https://github.com/kb-authoring/kb-authoring/blob/main/docs/rules/${rule.id}.md)`,
    enum: [...RULE_SETTINGS],
    default: rule.defaultSeverity,
  };
}

/**
 * The configuration schema editors read (`server/kb.config.schema.json`,
 * contributed to VS Code for `kb.config.json`): the engine's schema, with
 * `rules` listing every rule id of the registry, so a mistyped id is flagged
 * as the writer types it. The engine reports unknown ids itself
 * (`config-invalid`), keeping the other rule settings.
 */
export function editorConfigSchema(): object {
  const rules = {
    description: 'Severity per rule id; "off" disables a rule.',
    type: 'object',
    properties: Object.fromEntries(RULE_METADATA.map((rule) => [rule.id, ruleSettingSchema(rule)])),
    additionalProperties: false,
  };
  return { ...kbConfigSchema, properties: { ...kbConfigSchema.properties, rules } };
}

/** Every generated file or region of the repository. */
export function generatedContents(): GeneratedContent[] {
  return [
    { path: 'server/kb.config.schema.json', content: `${JSON.stringify(editorConfigSchema(), null, 2)}\n` },
    { path: 'README.md', markers: ['<!-- rules:start -->', '<!-- rules:end -->'], content: rulesTable() },
    { path: 'kb/README.md', markers: ['<!-- rules:start -->', '<!-- rules:end -->'], content: writerRulesTable() },
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
