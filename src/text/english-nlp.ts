import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let nlp: ReturnType<typeof winkNLP> | undefined;

/** wink-nlp over its English model (which ships in the npm package: nothing is downloaded), loaded on first use and
 * shared, as loading it takes longer than reading many texts. */
export function englishNlp(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model);
  return nlp;
}
