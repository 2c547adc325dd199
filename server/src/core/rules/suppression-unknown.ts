import { defineRule } from './rule.js';

/** `suppression-unknown`: a `kb-disable` comment names a rule that does not exist. */
export const suppressionUnknown = defineRule({
  id: 'suppression-unknown',
  description: '`<!-- kb-disable ... -->` comments must name existing rule ids.',
  defaultSeverity: 'warning',
  appliesTo: 'article',
  fix: 'none',
  check({ file, knownRuleIds, report }) {
    for (const mention of file.suppressions.mentions) {
      if (!knownRuleIds.has(mention.ruleId)) report({ range: mention.range, message: `Unknown rule "${mention.ruleId}" in a suppression comment; it silences nothing.` });
    }
  },
});
