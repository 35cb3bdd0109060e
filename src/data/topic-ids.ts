/**
 * The topic vocabulary, in the order pages list it. Plain data with no imports, so the
 * repositories (which store it) and the domain code (which validates against it) both read it
 * without src/db depending on a domain module. A new topic is added here and nowhere else.
 */
export const TOPIC_IDS = [
  'energy',
  'investment-finance',
  'trade',
  'education',
  'healthcare',
  'agriculture',
  'tourism-culture',
  'infrastructure-transport',
  'technology',
  'critical-minerals-mining',
  'security',
  'diplomacy',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];
