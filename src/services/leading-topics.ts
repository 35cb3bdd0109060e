/** Which topics a week's intro may call its main ones (services/weekly-summary.ts). */

/**
 * The topics the intro may say the week was "mostly" about: the first one or two, when the
 * stories they cover are a majority and they lead outright (no tie with the next topic).
 * Otherwise none, and the intro names the most frequent topics without claiming a majority.
 */
export function chooseLeadingTopics<T extends { topic: string; count: number }>(
  topicCounts: readonly T[],
  stories: readonly { topics: readonly string[] }[],
): T[] {
  for (const size of [1, 2]) {
    const lead = topicCounts.slice(0, size);
    const last = lead.at(-1);
    const next = topicCounts[size];
    if (lead.length < size || last === undefined || (next !== undefined && next.count >= last.count)) continue;
    const covered = stories.filter((story) => lead.some((entry) => story.topics.includes(entry.topic))).length;
    if (covered * 2 > stories.length) return lead;
  }
  return [];
}
