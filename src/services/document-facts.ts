/**
 * What every layer says of a document besides its texts (the corpus, a prepared submission,
 * an article as read): the one list of those facts. Each adds its own view of the language
 * (`originalLanguage`, or a submission's `language`) and what else it carries.
 */
export interface DocumentFacts {
  slug: string;
  sourceName: string;
  sourceUrl: string;
  publishedOn: string;
  publishedNote: string | null;
  isoWeek: string;
  headlineIsEditorial: boolean;
  photoCredit: string | null;
}
