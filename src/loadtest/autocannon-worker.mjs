/**
 * Runs autocannon against POST /api/ask in a worker thread, so the load generator never shares the server's event
 * loop (an in-process client would add the server's busy time to its own latencies). Posts the result back; the
 * message 'stop' ends the run early. Cycles through `questions`; with `unique`, each question gets a random choice
 * of its word gaps doubled: the same words to every stage, but a new string, so the encoder's query cache cannot
 * answer it (there are far more variants than cache entries).
 */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, connections, durationS, questions, unique } = workerData;
let next = 0;

const respaced = (question) =>
  question
    .split(' ')
    .map((word, i) => (i > 0 && Math.random() < 0.5 ? ` ${word}` : word))
    .join(' ');

const pick = () => {
  const question = questions[next++ % questions.length];
  return unique ? respaced(question) : question;
};

const options = {
  url,
  connections,
  duration: durationS,
  // A request that takes longer than this counts as a timeout (an error), never silently as slow.
  timeout: 30,
  requests: [
    {
      method: 'POST',
      path: '/api/ask',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: JSON.stringify({ question: pick() }) }),
    },
  ],
};
// Inside a worker thread autocannon returns raw samples; aggregate them as its own worker manager does.
const instance = autocannon(options, (error, raw) =>
  parentPort.postMessage(error ? { error: String(error) } : { result: JSON.parse(JSON.stringify(autocannon.aggregateResult([raw], options))) }),
);
parentPort.on('message', (message) => {
  if (message === 'stop') instance.stop();
});
