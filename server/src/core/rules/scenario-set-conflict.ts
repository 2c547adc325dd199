import { relativePath } from '../paths.js';
import { findingTarget, reportOnce, targetMessage } from '../scenario/scenario-report.js';
import { evaluationOf, scenarioInputs } from '../scenario/scenario-inputs.js';
import { scenarioSetConflicts } from '../scenario/scenario-set-conflicts.js';
import { defineRule } from './rule.js';

/** `scenario-set-conflict`: two scenarios of one model set up the same case and state contradicting outcomes. */
export const scenarioSetConflict = defineRule({
  id: 'scenario-set-conflict',
  description: 'Two scenarios (or Examples rows) of the same problem model, in any scenario files of the KB, with the same settled conditions and the same events must not state different values of the same outcome; each Then step is reported with the other as a related location.',
  defaultSeverity: 'warning',
  appliesTo: 'scenario',
  fix: 'none',
  check({ file, kb, report }) {
    const { catalog } = scenarioInputs(kb);
    const model = evaluationOf(file, catalog).model;
    if (model === undefined) return;
    const files = kb.scenarios().map((scenario) => ({ path: scenario.path, evaluation: evaluationOf(scenario, catalog) }));
    // The file being checked may be an unsaved version that the KB's list does not hold.
    const others = files.filter((scenario) => scenario.path !== file.path);
    const once = reportOnce(report);
    for (const { own, other } of scenarioSetConflicts(model, file.path, [...others, { path: file.path, evaluation: evaluationOf(file, catalog) }])) {
      const ownTarget = findingTarget(own.run, own.step, true);
      const otherTarget = findingTarget(other.run, other.step, true);
      once({
        range: ownTarget.range,
        message: targetMessage(ownTarget, `"${own.step.text}" contradicts ${relativePath(kb.root, other.path)}:${otherTarget.range.start.line + 1} '${other.run.scenario.name}', which has the same givens and events but states "${other.step.text}".`),
        related: [{ path: other.path, range: otherTarget.range, message: 'The scenario with the same givens and events' }],
      });
    }
  },
});
