import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface Prompts {
  system: string;
  answer: string;
}

/** Loads the prompt templates from `prompts/`; a missing file is a configuration error naming the file. */
export async function loadPrompts(dir: string): Promise<Prompts> {
  const read = async (name: string) => {
    try {
      return (await readFile(path.join(dir, name), 'utf8')).trim();
    } catch (error) {
      throw new AppError('config_invalid', `Prompt file ${path.join(dir, name)} is missing or unreadable (PROMPTS_DIR).`, { cause: error });
    }
  };
  const prompts = { system: await read('system.md'), answer: await read('answer.md') };
  for (const placeholder of ['{{passages}}', '{{question}}']) {
    if (!prompts.answer.includes(placeholder)) throw new AppError('config_invalid', `prompts/answer.md must contain ${placeholder}.`);
  }
  return prompts;
}

/** Fills `{{name}}` placeholders in one pass, so text inserted for one placeholder is never re-expanded. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
