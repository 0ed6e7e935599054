import { parse as parseYaml } from 'yaml';

/**
 * A YAML front-matter block read as metadata: every scalar field as a string (`title`, `url`, `slug`,
 * `page-type`…); lists and nested maps are site configuration, not facts about the document, and are skipped.
 * Invalid YAML yields no metadata rather than failing the whole corpus.
 */
export function readFrontMatter(yaml: string): Record<string, string> {
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch {
    return {};
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') metadata[key] = String(value).trim();
  }
  return metadata;
}
