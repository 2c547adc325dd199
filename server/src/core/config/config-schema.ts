/**
 * JSON Schema of `kb.config.json`: the single source of truth for validation
 * in the engine and, written to `server/kb.config.schema.json` by
 * `npm run generate` with every rule id of the registry under `rules`
 * (`tools/generated-files.ts`), for completion and validation in VS Code.
 */
export const kbConfigSchema = 
{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "kb.config.schema.json",
  "title": "KB configuration",
  "description": "Configuration of a knowledge base checked by kb-lint and the KB language server. Every key is optional.",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": { "type": "string" },
    "articles": {
      "description": "Globs (relative to this file's folder) of the Markdown files checked as articles.",
      "type": "array", "items": { "type": "string", "minLength": 1 }, "maxItems": 100,
      "default": ["**/*.md"]
    },
    "scenarios": {
      "description": "Globs of the scenario files (Gherkin).",
      "type": "array", "items": { "type": "string", "minLength": 1 }, "maxItems": 100,
      "default": ["**/*.scenario"]
    },
    "exclude": {
      "description": "Globs of files that are never checked (they still count as link targets). node_modules and .git are always skipped.",
      "type": "array", "items": { "type": "string", "minLength": 1 }, "maxItems": 200,
      "default": ["**/includes/**", "**/README.md", "**/CHANGELOG.md", "**/CONTRIBUTING.md", "**/CODE_OF_CONDUCT.md", "**/SECURITY.md"]
    },
    "glossary": { "description": "Folder of glossary entries, one term a file.", "type": "string", "default": "glossary" },
    "remediations": { "description": "Folder of remediation pages.", "type": "string", "default": "remediations" },
    "causes": { "description": "Folder of cause pages.", "type": "string", "default": "causes" },
    "claims": { "description": "Folder of domain claims.", "type": "string", "default": "claims" },
    "steps": { "description": "Folder of scenario step catalogs.", "type": "string", "default": "steps" },
    "models": { "description": "Folder of problem models (YAML), which scenarios are checked against.", "type": "string", "default": "models" },
    "useBundledKb": {
      "description": "Use the glossary, remediations, causes, claims and step catalog bundled with the tool in addition to this KB's own.",
      "type": "boolean", "default": true
    },
    "bundledGlossarySpelling": {
      "description": "Report the spellings to avoid of the glossary bundled with the tool (term-spelling). Off by default: the bundled glossary is written for the bundled KB, so a KB gets its hovers but checks spelling against its own glossary only.",
      "type": "boolean", "default": false
    },
    "rules": {
      "description": "Severity per rule id; \"off\" disables a rule.",
      "type": "object",
      "additionalProperties": { "enum": ["off", "info", "warning", "error"] }
    },
    "frontMatter": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "required": {
          "description": "Keys every article must have.",
          "type": "array", "items": { "type": "string" },
          "default": ["title", "description", "ms.topic", "ms.date"]
        },
        "requiredForTroubleshooting": {
          "description": "Keys troubleshooting articles (ms.topic: troubleshooting) must also have.",
          "type": "array", "items": { "type": "string" },
          "default": ["appliesto"]
        }
      }
    },
    "sections": {
      "description": "Sections (H2) required in troubleshooting articles, in order, with the synonyms accepted for each.",
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["name"],
        "properties": {
          "name": { "type": "string", "minLength": 1 },
          "synonyms": { "type": "array", "items": { "type": "string" } }
        }
      }
    },
    "staleAfterDays": {
      "description": "An article whose ms.date is older than this many days is reported as stale (info).",
      "type": "integer", "minimum": 1, "default": 730
    }
  }
} as const;
