import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * The attributes an AsciiDoc project sets for its pages outside them, as the tools that publish and preview it read
 * them: an Antora component descriptor (`antora.yml`, its `asciidoc.attributes`) and an editor preview configuration
 * (`.asciidoctorconfig` or `.asciidoctorconfig.adoc`, whose attribute entries the IntelliJ and VS Code AsciiDoc
 * plugins apply to every file below it). A page of such a project writes `{prodname}` and `ifdef::community[]`
 * and means the values set there; without them the text would read "{prodname}" and a conditional section be lost.
 */
export interface ProjectAttributes {
  /** Attribute name → value, as Asciidoctor's API takes them: a value ending in `@` may be overridden by the page. */
  values: Record<string, string>;
  /** The configuration files read (path relative to the corpus folder) and their text: a change re-reads the pages. */
  sources: { file: string; text: string }[];
  /** Configuration files that could not be read, with the reason; their attributes are not applied. */
  problems: { file: string; reason: string }[];
}

const DESCRIPTOR = 'antora.yml';
const PREVIEW_CONFIGS = ['.asciidoctorconfig', '.asciidoctorconfig.adoc'];

/**
 * An attribute entry line (`:name: value`, `:name!:` unsets). Asciidoctor exposes no reader for the entries alone and
 * loading the file as a document would also apply its other content, so the one-line syntax is read here; a value
 * continued over lines with a trailing `\` is read up to its first line.
 */
const ATTRIBUTE_ENTRY = /^:([\w][\w-]*)(!?):(?:[ \t]+(.*?))?[ \t]*$/;

/** Attribute entries of a preview configuration, soft-set (`@`): they are defaults a page may override, as when the
 * plugins prepend the file to it. */
function previewAttributes(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const entry = ATTRIBUTE_ENTRY.exec(line.replace(/\r$/, ''));
    if (!entry) continue;
    const [, name, unset, value] = entry;
    if (unset) delete values[name!];
    else values[name!] = `${(value ?? '').replace(/^'(.*)'$/, '$1')}@`;
  }
  return values;
}

/** A component descriptor's `asciidoc.attributes`, as Antora passes them: a string or number is the value, `true`
 * sets the attribute empty, `false` or null leaves it unset. Antora's values are hard-set unless they end in `@`. */
function descriptorAttributes(text: string): Record<string, string> {
  const parsed: unknown = parseYaml(text);
  const attributes = (parsed as { asciidoc?: { attributes?: unknown } } | null)?.asciidoc?.attributes;
  if (attributes === undefined || attributes === null) return {};
  if (typeof attributes !== 'object' || Array.isArray(attributes)) throw new Error('asciidoc.attributes is not a map of names to values');
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) values[name] = '';
    else if (typeof value === 'string' || typeof value === 'number') values[name] = String(value);
  }
  return values;
}

/**
 * Reads the project attributes for AsciiDoc files under `dir`, one answer per folder holding one: the configuration
 * files from the corpus folder down to the file's own folder, the nearer one's value winning, and for each folder
 * the descriptor's (hard) over the preview's (soft). Files are read once per folder.
 */
export function projectAttributesReader(dir: string): (file: string) => Promise<ProjectAttributes> {
  const perFolder = new Map<string, Promise<ProjectAttributes>>();

  async function readConfig(folder: string, name: string): Promise<{ file: string; text: string } | undefined> {
    const file = folder ? `${folder}/${name}` : name;
    try {
      return { file, text: (await readFile(path.join(dir, file), 'utf8')).replace(/\r\n?/g, '\n') };
    } catch (error) {
      if (['ENOENT', 'EISDIR', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw error;
    }
  }

  async function own(folder: string): Promise<ProjectAttributes> {
    const result: ProjectAttributes = { values: {}, sources: [], problems: [] };
    for (const name of PREVIEW_CONFIGS) {
      const config = await readConfig(folder, name);
      if (!config) continue;
      result.sources.push(config);
      Object.assign(result.values, previewAttributes(config.text));
    }
    const descriptor = await readConfig(folder, DESCRIPTOR);
    if (descriptor) {
      result.sources.push(descriptor);
      try {
        Object.assign(result.values, descriptorAttributes(descriptor.text));
      } catch (error) {
        result.problems.push({ file: descriptor.file, reason: `its AsciiDoc attributes are not applied: ${(error as Error).message.split('\n')[0]}` });
      }
    }
    return result;
  }

  function forFolder(folder: string): Promise<ProjectAttributes> {
    let answer = perFolder.get(folder);
    if (!answer) {
      const parent = folder === '' ? undefined : path.posix.dirname(folder) === '.' ? '' : path.posix.dirname(folder);
      answer = Promise.all([parent === undefined ? undefined : forFolder(parent), own(folder)]).then(([outer, inner]) => ({
        values: { ...outer?.values, ...inner.values },
        sources: [...(outer?.sources ?? []), ...inner.sources],
        problems: [...(outer?.problems ?? []), ...inner.problems],
      }));
      perFolder.set(folder, answer);
    }
    return answer;
  }

  return (file) => forFolder(path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file));
}
