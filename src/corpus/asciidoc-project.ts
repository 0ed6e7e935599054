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
  /** As Asciidoctor's API takes them: `name: value` is hard-set (the page cannot change it), `name: 'value@'`
   * soft-set, `'name!': ''` hard-unset, `name: false` soft-unset. */
  values: Record<string, string | false>;
  /** The configuration files read (path relative to the corpus folder) and their text: a change re-reads the pages. */
  sources: { file: string; text: string }[];
  /** Configuration files that could not be read, with the reason; their attributes are not applied. */
  problems: { file: string; reason: string }[];
}

/** One attribute as a configuration sets it: a value, or unset (`undefined`); hard or a default the page may change. */
interface Setting {
  value: string | undefined;
  hard: boolean;
}

type Settings = Map<string, Setting>;

const DESCRIPTOR = 'antora.yml';
const PREVIEW_CONFIGS = ['.asciidoctorconfig', '.asciidoctorconfig.adoc'];

/**
 * An attribute entry line (`:name: value`; `:name!:` and `:!name:` unset). Asciidoctor exposes no reader for the
 * entries alone, and loading the file as a document would also apply its other content, so the one-line syntax is
 * read here.
 */
const ATTRIBUTE_ENTRY = /^:(!?)([\w][\w-]*)(!?):(?:[ \t]+(.*?))?[ \t]*$/;

/** A value's references to attributes set before it (`{base}/docs`), replaced as Asciidoctor replaces them in an
 * entry; one set nowhere stays as written. */
function expandReferences(value: string, settings: Settings): string {
  return value.replace(/\{([\w][\w-]*)\}/g, (whole, name: string) => settings.get(name)?.value ?? whole);
}

/** Attribute entries of a preview configuration: defaults a page may override (soft), as when the plugins prepend
 * the file to it; `outer` are the settings of the folders above, which its values may refer to. */
function previewSettings(text: string, outer: Settings): Settings {
  const settings: Settings = new Map();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    let line = lines[i]!;
    // A value continued with a trailing backslash goes on over the next line.
    while (/ \\$/.test(line) && i + 1 < lines.length) line = `${line.slice(0, -2)} ${lines[++i]!.trim()}`;
    const entry = ATTRIBUTE_ENTRY.exec(line);
    if (!entry) continue;
    const [, unsetBefore, name, unsetAfter, value] = entry;
    const known = new Map([...outer, ...settings]);
    settings.set(name!, { value: unsetBefore || unsetAfter ? undefined : expandReferences(value ?? '', known), hard: false });
  }
  return settings;
}

/** A component descriptor's `asciidoc.attributes`, as Antora passes them: a string or number is the value (hard-set
 * unless it ends in `@`), `true` sets the attribute empty, `false` or null unsets it (hard, or soft with `@`). */
function descriptorSettings(text: string): Settings {
  const parsed: unknown = parseYaml(text);
  const attributes = (parsed as { asciidoc?: { attributes?: unknown } } | null)?.asciidoc?.attributes;
  const settings: Settings = new Map();
  if (attributes === undefined || attributes === null) return settings;
  if (typeof attributes !== 'object' || Array.isArray(attributes)) throw new Error('asciidoc.attributes is not a map of names to values');
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) settings.set(name, { value: '', hard: true });
    else if (value === false || value === null) settings.set(name, { value: undefined, hard: true });
    else if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      settings.set(name, text.endsWith('@') ? { value: text.slice(0, -1), hard: false } : { value: text, hard: true });
    }
  }
  return settings;
}

/** The settings as Asciidoctor's API takes them (see `ProjectAttributes.values`). */
function apiValues(settings: Settings): Record<string, string | false> {
  const values: Record<string, string | false> = {};
  for (const [name, { value, hard }] of settings) {
    if (value !== undefined) values[name] = hard ? value : `${value}@`;
    else if (hard) values[`${name}!`] = '';
    else values[name] = false;
  }
  return values;
}

/** A folder's reading: the settings from the corpus folder down to it, and the files read on the way. */
interface FolderReading {
  settings: Settings;
  sources: ProjectAttributes['sources'];
  problems: ProjectAttributes['problems'];
}

/**
 * Reads the project attributes for AsciiDoc files under `dir`, one answer per folder holding one: the configuration
 * files from the corpus folder down to the file's own folder, the nearer one's setting winning, and in each folder the
 * descriptor's over the preview's. Files are read once per folder; a configuration that cannot be read is a problem
 * named in the ingest output, never a failed ingest.
 */
export function projectAttributesReader(dir: string): (file: string) => Promise<ProjectAttributes> {
  const perFolder = new Map<string, Promise<FolderReading>>();

  async function readConfig(folder: string, name: string, problems: FolderReading['problems']): Promise<{ file: string; text: string } | undefined> {
    const file = folder ? `${folder}/${name}` : name;
    try {
      return { file, text: (await readFile(path.join(dir, file), 'utf8')).replace(/\r\n?/g, '\n') };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!['ENOENT', 'EISDIR', 'ENOTDIR'].includes(code)) problems.push({ file, reason: `its AsciiDoc attributes are not applied: ${(error as Error).message}` });
      return undefined;
    }
  }

  async function read(folder: string, outer: FolderReading | undefined): Promise<FolderReading> {
    const reading: FolderReading = { settings: new Map(outer?.settings), sources: [...(outer?.sources ?? [])], problems: [...(outer?.problems ?? [])] };
    for (const name of PREVIEW_CONFIGS) {
      const config = await readConfig(folder, name, reading.problems);
      if (!config) continue;
      reading.sources.push(config);
      for (const [attribute, setting] of previewSettings(config.text, reading.settings)) reading.settings.set(attribute, setting);
    }
    const descriptor = await readConfig(folder, DESCRIPTOR, reading.problems);
    if (descriptor) {
      reading.sources.push(descriptor);
      try {
        for (const [attribute, setting] of descriptorSettings(descriptor.text)) reading.settings.set(attribute, setting);
      } catch (error) {
        // The YAML reader's first line names the fault and where it is; the lines after it quote the file.
        const fault = (error as Error).message.split('\n')[0]!.replace(/:\s*$/, '');
        reading.problems.push({ file: descriptor.file, reason: `its AsciiDoc attributes are not applied: ${fault}` });
      }
    }
    return reading;
  }

  function forFolder(folder: string): Promise<FolderReading> {
    let reading = perFolder.get(folder);
    if (!reading) {
      const parent = folder === '' ? undefined : path.posix.dirname(folder) === '.' ? '' : path.posix.dirname(folder);
      reading = (parent === undefined ? Promise.resolve(undefined) : forFolder(parent)).then((outer) => read(folder, outer));
      perFolder.set(folder, reading);
    }
    return reading;
  }

  return async (file) => {
    const { settings, sources, problems } = await forFolder(path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file));
    return { values: apiValues(settings), sources, problems };
  };
}
