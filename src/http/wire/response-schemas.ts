import { z } from 'zod';

/**
 * Response schemas of the HTTP API, in zod like the request schemas, so the OpenAPI document is generated from
 * code and tests can check real responses against what it promises. `.meta({ id })` is the name of the schema's
 * component in that document (`#/components/schemas/<id>`).
 */
export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'snake_case, stable: invalid_json, invalid_request, not_found, index_unavailable, …' }),
      message: z.string().meta({ description: 'One human sentence saying what is wrong and, when possible, how to fix it.' }),
    }),
  })
  .meta({ id: 'Error' });

export const CitationSchema = z
  .object({
    n: z.number().int().min(1).meta({ description: 'The number used by the `[n]` markers in the answer.' }),
    sourceId: z.string(),
    title: z.string(),
    section: z.string().meta({ description: 'The heading the quote sits under.' }),
    quote: z.string().meta({ description: 'Verbatim: `text.slice(start, end)` of the source from GET /api/sources/{sourceId}.' }),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    url: z.string().optional(),
    page: z.number().int().min(1).optional().meta({ description: 'For a PDF source: the page the quote starts on (1-based).' }),
    chunkId: z.string(),
  })
  .meta({ id: 'Citation' });

export const AskResponseSchema = z
  .object({
    answer: z.string().meta({ description: 'Text with inline `[n]` markers referring to `citations[].n`.' }),
    grounded: z.boolean().meta({ description: 'false when the sources do not answer the question.' }),
    mode: z.enum(['extractive', 'llm']),
    citations: z.array(CitationSchema),
    note: z.string().optional(),
    unsupported: z.array(z.string()).optional(),
    answerId: z.string().optional().meta({ description: 'Send it back with POST /api/feedback to rate this answer.' }),
  })
  .meta({ id: 'AskResponse' });

export const SourceSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    url: z.string().optional(),
    text: z.string(),
    sections: z.array(z.object({ title: z.string(), level: z.number().int(), start: z.number().int(), end: z.number().int() })),
    references: z.array(z.object({ n: z.number().int(), text: z.string() })).optional(),
    pages: z
      .array(z.object({ number: z.number().int().min(1), start: z.number().int(), end: z.number().int() }))
      .optional()
      .meta({ description: "For a PDF source: where each page's text lies in `text`." }),
    original: z
      .object({ url: z.string(), contentType: z.string() })
      .optional()
      .meta({ description: 'The file itself (a PDF, Word or EPUB document), served by GET /api/sources/{sourceId}/original.' }),
  })
  .meta({ id: 'Source' });

export const SourceListSchema = z
  .object({
    sources: z.array(z.object({ id: z.string(), title: z.string(), url: z.string().optional(), sections: z.array(z.string()) })),
  })
  .meta({ id: 'SourceList' });

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    index: z.object({ buildId: z.string(), builtAt: z.string(), documents: z.number().int(), chunks: z.number().int(), embedder: z.string() }),
  })
  .meta({ id: 'Health' });

export const HealthUnavailableSchema = z.object({ status: z.literal('unavailable'), error: ErrorResponseSchema.shape.error }).meta({ id: 'HealthUnavailable' });
