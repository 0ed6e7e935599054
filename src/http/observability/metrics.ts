import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server. Each app gets its own registry, so tests never share counters. */
export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status' | 'mode'>;
  requestSeconds: Histogram<'method' | 'route' | 'mode'>;
  llmErrors: Counter<'reason'>;
  fallbacks: Counter<'reason'>;
  abstentions: Counter<'mode'>;
  llmInFlight: Gauge;
  llmQueued: Gauge;
  llmRejected: Counter;
  indexReloads: Counter<'outcome'>;
  /** Records a fall back from the language model to the extractive answer; `error` set when the model failed. */
  recordFallback(reason: string, error?: unknown): void;
}

/** Latency buckets (seconds): extractive answers take milliseconds, language-model answers seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const llmErrors = new Counter({
    name: 'llm_errors_total',
    help: 'Language model calls that failed (error, timeout, unreachable).',
    labelNames: ['reason'] as const,
    registers,
  });
  const fallbacks = new Counter({
    name: 'llm_fallbacks_total',
    help: 'Answers composed extractively because the language model failed or gave no usable citation.',
    labelNames: ['reason'] as const,
    registers,
  });
  return {
    registry,
    requests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route, status and answer mode.',
      labelNames: ['method', 'route', 'status', 'mode'] as const,
      registers,
    }),
    requestSeconds: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route and answer mode.',
      labelNames: ['method', 'route', 'mode'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    llmErrors,
    fallbacks,
    abstentions: new Counter({
      name: 'answers_abstained_total',
      help: 'Answers where the sources did not answer the question (grounded: false).',
      labelNames: ['mode'] as const,
      registers,
    }),
    llmInFlight: new Gauge({ name: 'llm_in_flight', help: 'Language-model answers running now.', registers }),
    llmQueued: new Gauge({ name: 'llm_queued', help: 'Language-model answers waiting for a slot.', registers }),
    llmRejected: new Counter({ name: 'llm_rejected_total', help: 'Requests refused with 503 because the language-model queue was full.', registers }),
    indexReloads: new Counter({
      name: 'index_reloads_total',
      help: 'Index reloads (SIGHUP or watch) by outcome.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    recordFallback(reason, error) {
      fallbacks.inc({ reason });
      if (error !== undefined) llmErrors.inc({ reason });
    },
  };
}
