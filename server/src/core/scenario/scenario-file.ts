import { TextDocument } from '../text-document.js';

/** A parsed scenario file (placeholder until the scenario parser lands). */
export interface ScenarioFile {
  readonly kind: 'scenario';
  readonly path: string;
  readonly document: TextDocument;
}

/** Parses a scenario file (placeholder until the scenario parser lands). */
export function parseScenarioFile(path: string, text: string): ScenarioFile {
  return { kind: 'scenario', path, document: new TextDocument(path, text) };
}
