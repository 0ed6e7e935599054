/** Types for wink-porter2-stemmer (the package ships none): the Snowball English (Porter2) stemmer. */
declare module 'wink-porter2-stemmer' {
  export default function stem(word: string): string;
}
