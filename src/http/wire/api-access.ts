/** Every route that answers questions: the product API and the OpenAI-compatible one share keys and limits. */
export const PROTECTED_PREFIXES = ['/api', '/v1'];
